/**
 * Golden formatter fixtures: `fixtures/<name>_input.dl` formats to `fixtures/<name>_output.dl`
 * (`UPDATE_GOLDEN=1` rewrites the outputs for review), the output formats to itself, and input
 * and output have the same AST and the same comments.
 */
import test from "ava";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatDl } from "../../format/index.js";
import { checkFormat } from "./helpers.js";

const dir = join(import.meta.dirname, "fixtures");
const names = readdirSync(dir)
  .filter((f) => f.endsWith("_input.dl"))
  .map((f) => f.slice(0, -"_input.dl".length))
  .sort();

test("there are at least 40 fixtures", (t) => {
  t.true(names.length >= 40, `${names.length} fixtures`);
});

for (const name of names) {
  test(`fixture ${name}`, async (t) => {
    const input = readFileSync(join(dir, `${name}_input.dl`), "utf8");
    const outputPath = join(dir, `${name}_output.dl`);
    const check = await checkFormat(input);
    if (process.env["UPDATE_GOLDEN"]) writeFileSync(outputPath, check.output);
    t.is(check.output, readFileSync(outputPath, "utf8"), "output differs from the golden file");
    t.true(check.sameMeaning, "formatting changed the AST");
    t.true(check.sameComments, "formatting lost or changed a comment");
    t.is(await formatDl(check.output), check.output, "formatting the output changes it again");
  });
}
