/**
 * Properties over random programs that use every construct: formatting never changes the AST and
 * never drops a comment, wherever comments stand; and with any layout, a second pass changes
 * nothing. (Comments in arbitrary token gaps, such as between a parameter's name and its `:`, may
 * move on the first pass and settle on a later one; the fixtures check idempotence for comments in
 * the places people write them.)
 */
import test from "ava";
import fc from "fast-check";
import { parse } from "../../grammar/parse.js";
import { checkFormat } from "./helpers.js";
import { commentSeparators, layoutSeparators, randomProgram } from "./random-program.js";

const widths = fc.constantFrom(40, 80, 120);

function parses(source: string): void {
  const problems = parse(source).problems;
  if (problems.length) throw new Error(`generator wrote a syntax error: ${problems[0]!.message}\n${source}`);
}

test("random programs with comments anywhere: same AST, every comment kept", async (t) => {
  await fc.assert(
    fc.asyncProperty(randomProgram(commentSeparators), widths, async (source, printWidth) => {
      parses(source);
      const check = await checkFormat(source, { printWidth });
      return check.sameMeaning && check.sameComments;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test("random programs with random layout: same AST, and formatting is idempotent", async (t) => {
  await fc.assert(
    fc.asyncProperty(randomProgram(layoutSeparators), widths, async (source, printWidth) => {
      parses(source);
      const check = await checkFormat(source, { printWidth });
      return check.sameMeaning && check.idempotent;
    }),
    { numRuns: 200 },
  );
  t.pass();
});
