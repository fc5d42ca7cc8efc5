/** A small argument parser: flags (`--json`, `--out dir`, `-o dir`) and positional arguments. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Parses `args`; `valued` lists the flags that take a value. Unknown flags are returned as errors. */
export function parseArgs(args: string[], valued: string[], known: string[]): ParsedArgs | { error: string } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-") || a === "-") {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.split("=", 2) as [string, string | undefined];
    if (!valued.includes(name) && !known.includes(name)) return { error: `unknown option '${name}'` };
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `option '${name}' needs a value` };
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { positional, flags };
}
