/**
 * The `dl` command: dispatches sub-commands, prints help, and turns any escaped exception into
 * an "internal error" message (never a stack trace for a user's input).
 */

type Command = { run: (args: string[]) => Promise<number>; summary: string };

// Commands load on demand: `dl check` should not pay for TensorFlow.js or prettier.
const commands: Record<string, Command> = {
  check: { run: async (a) => (await import("./commands/check.js")).checkCommand(a), summary: "check .dl files and print diagnostics" },
  compile: { run: async (a) => (await import("./commands/compile.js")).compileCommand(a), summary: "compile a .dl file to TypeScript" },
  summary: { run: async (a) => (await import("./commands/summary.js")).summaryCommand(a), summary: "print a model's layers, output shapes and parameter counts" },
  run: { run: async (a) => (await import("./commands/run.js")).runCommand(a), summary: "compile a .dl file and train its train block" },
  predict: { run: async (a) => (await import("./commands/predict.js")).predictCommand(a), summary: "run a trained model on new data (IDX, CSV, PNG) and print its predictions" },
  export: { run: async (a) => (await import("./commands/export.js")).exportCommand(a), summary: "export a trained model as an ES module for Node and web pages" },
  fmt: { run: async (a) => (await import("./commands/fmt.js")).fmtCommand(a), summary: "format .dl files (prettier plugin)" },
  doctor: { run: async (a) => (await import("./commands/doctor.js")).doctorCommand(a), summary: "show the TensorFlow.js backends found and what they lack" },
};

export const usage = `dl: a declarative language for deep-learning models and their training

Usage: dl <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join("\n")}

Run 'dl <command> --help' for the options of a command.`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage);
    return name ? 0 : 1;
  }
  if (name === "--version") {
    console.log("dl 0.1.0");
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`dl: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (err) {
    const where = err instanceof Error ? (err.stack?.split("\n").slice(0, 3).join(" | ") ?? err.message) : String(err);
    console.error(`dl ${name}: internal error: ${err instanceof Error ? err.message : String(err)}\n` + `This is a bug in dl, not in your input. Please report it with the command and file you used.\n(${where})`);
    return 70;
  }
}
