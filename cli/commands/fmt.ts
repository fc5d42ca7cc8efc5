/**
 * `dl fmt [--check] <files or directories>`: formats `.dl` files in place with the prettier
 * plugin, or with `--check` lists the files that are not formatted. Directories are searched
 * recursively for `.dl` files. The layout options of a project's prettier configuration
 * (`.prettierrc`: printWidth, tabWidth, useTabs, endOfLine) apply, read as data: configuration
 * that is code is never loaded (cli/prettier-config.ts).
 */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatDl } from "../../format/index.js";
import { projectOptions } from "../prettier-config.js";

const usage = `Usage: dl fmt [--check] <file.dl | directory>...

Formats DL sources in place. Directories are searched for .dl files.

Options:
  --check   write nothing; list the files that are not formatted and exit with 1
  --help    show this help`;

/** Runs `dl fmt`; returns the exit code (0 ok, 1 unformatted files or syntax errors, 2 usage). */
export async function fmtCommand(args: string[]): Promise<number> {
  const check = args.includes("--check");
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith("-") && a !== "--check");
  const targets = args.filter((a) => !a.startsWith("-"));
  if (unknown.length || targets.length === 0) {
    console.error(unknown.length ? `dl fmt: unknown option ${unknown[0]}` : "dl fmt: no files given");
    console.error(usage);
    return 2;
  }
  let files: string[];
  try {
    files = (await Promise.all(targets.map(expand))).flat();
  } catch (e) {
    console.error(`dl fmt: ${(e as Error).message}`);
    return 2;
  }
  let failed = 0;
  const warned = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, "utf8");
    let formatted: string;
    try {
      const project = await projectOptions(file);
      if (project.ignored && !warned.has(project.ignored)) {
        warned.add(project.ignored);
        console.error(`dl fmt: warning: ${project.ignored}`);
      }
      formatted = await formatDl(text, { ...project.options, filepath: file } as Parameters<typeof formatDl>[1]);
    } catch (e) {
      console.error(`${file}: ${firstLine((e as Error).message)}`);
      failed++;
      continue;
    }
    if (formatted === text) continue;
    if (check) {
      console.log(file);
      failed++;
    } else {
      await writeFile(file, formatted);
      console.log(`formatted ${file}`);
    }
  }
  if (check && failed) console.error(`dl fmt: ${failed} file(s) not formatted or not parsed; run \`dl fmt\` on them`);
  return failed ? 1 : 0;
}

/** A file stands for itself; a directory for every `.dl` file under it, in sorted order. */
async function expand(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => {
    throw new Error(`no such file or directory: ${target}`);
  });
  if (!info.isDirectory()) return [target];
  const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const nested = await Promise.all(
    entries
      .filter((e) => e.isDirectory() || e.name.endsWith(".dl"))
      .map((e) => (e.isDirectory() ? expand(join(target, e.name)) : [join(target, e.name)])),
  );
  return nested.flat();
}

/** Prettier appends a code frame to syntax errors; the first line names the problem and position. */
function firstLine(message: string): string {
  return message.split("\n")[0]!;
}
