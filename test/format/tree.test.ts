/**
 * The formatter over the project's own DL sources: every file under `stdlib/` and `examples/`
 * keeps its AST and comments when formatted, and is already formatted (`dl fmt --check`), so an
 * unformatted file fails CI.
 */
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fmtCommand } from "../../cli/commands/fmt.js";
import { checkFormat, dlFilesUnder } from "./helpers.js";

const root = join(import.meta.dirname, "..", "..");
const trees = ["stdlib", "examples"].map((d) => join(root, d));
const files = trees.flatMap(dlFilesUnder);

for (const file of files) {
  test(`formatting ${file.slice(root.length + 1)} keeps its meaning and is stable`, async (t) => {
    const check = await checkFormat(readFileSync(file, "utf8"));
    t.true(check.sameMeaning, "formatting changed the AST");
    t.true(check.sameComments, "formatting lost or changed a comment");
    t.true(check.idempotent, "a second pass changes the output");
  });
}

test("dl fmt --check passes on stdlib/ and examples/", async (t) => {
  if (files.length === 0) return t.pass("no .dl files yet");
  const dirs = trees.filter((d) => dlFilesUnder(d).length > 0);
  const output: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void output.push(args.join(" "));
  try {
    t.is(await fmtCommand(["--check", ...dirs]), 0, `unformatted (run \`dl fmt stdlib examples\`):\n${output.join("\n")}`);
  } finally {
    console.log = log;
  }
});
