/**
 * The formatter's entry points: `formatDl` refuses syntax errors with a position, `dl fmt`
 * checks and rewrites files, and `prettier --plugin ./format/plugin.mjs` works from the shell.
 */
import test from "ava";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fmtCommand } from "../../cli/commands/fmt.js";
import { checkFormatted, formatDl } from "../../format/index.js";

const root = join(import.meta.dirname, "..", "..");
const messy = "model M(){input x:f32[B,10]\nreturn x|>relu}\n";
const tidy = "model M() {\n  input x: f32[B, 10]\n  return x |> relu\n}\n";

/**
 * Runs `fmtCommand` with console output captured. The capture replaces the global console, so
 * the tests that use it run serially (concurrent ones would take each other's output).
 */
async function runFmt(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await fmtCommand(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test("formatDl formats and checkFormatted agrees", async (t) => {
  t.is(await formatDl(messy), tidy);
  t.true(await checkFormatted(tidy));
  t.false(await checkFormatted(messy));
});

test("a syntax error is refused with its line and column", async (t) => {
  const error = await t.throwsAsync(formatDl("model M() {\n  input x: f32[B, 10\n}\n"));
  t.regex(error!.message, /\(3:1\)/);
});

test("printWidth is respected", async (t) => {
  const narrow = await formatDl(tidy, { printWidth: 16 });
  t.true(narrow.includes("  return x\n    |> relu\n"), narrow);
});

test.serial("dl fmt --check lists unformatted files and exits 1; dl fmt rewrites them", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "dl-fmt-"));
  writeFileSync(join(dir, "a.dl"), messy);
  writeFileSync(join(dir, "b.dl"), tidy);
  const check = await runFmt(["--check", dir]);
  t.is(check.code, 1);
  t.true(check.out.includes("a.dl") && !check.out.includes("b.dl"), check.out);
  t.is((await runFmt([dir])).code, 0);
  t.is(readFileSync(join(dir, "a.dl"), "utf8"), tidy);
  t.is((await runFmt(["--check", join(dir, "a.dl")])).code, 0);
});

test.serial("dl fmt reports syntax errors, usage errors and help", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "dl-fmt-"));
  writeFileSync(join(dir, "bad.dl"), "model M( {\n");
  const bad = await runFmt(["--check", join(dir, "bad.dl")]);
  t.is(bad.code, 1);
  t.regex(bad.err, /bad\.dl: .*\(1:10\)/);
  t.is((await runFmt([])).code, 2);
  t.is((await runFmt(["--frobnicate", dir])).code, 2);
  const help = await runFmt(["--help"]);
  t.is(help.code, 0);
  t.regex(help.out, /Usage: dl fmt/);
});

test("prettier --plugin ./format/plugin.mjs formats from the command line", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "dl-fmt-"));
  const file = join(dir, "m.dl");
  writeFileSync(file, messy);
  const prettierBin = join(root, "node_modules", "prettier", "bin", "prettier.cjs");
  const { stdout } = await promisify(execFile)(process.execPath, [prettierBin, "--plugin", "./format/plugin.mjs", file], { cwd: root });
  t.is(stdout, tidy);
});
