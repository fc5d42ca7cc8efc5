/**
 * Diagnostic baselines: every `test/golden/errors/<name>.dl` is a program with mistakes, and
 * `<name>.errors.txt` holds what `dl check` prints for it (paths relative to the repository).
 * A baseline must never hold an internal error (DL9001), and every program must have an error.
 * `UPDATE_GOLDEN=1` rewrites the baselines; read the diff, each message should help its reader.
 */
import { basename, join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { compareBaseline, diagnosticsText, displayPath, dlFiles, repoRoot } from "./golden.js";

const dir = join(repoRoot, "test/golden/errors");
const files = dlFiles(dir);
const pipeline = new DocumentPipeline();

test("there are at least 40 error baselines", (t) => {
  t.true(files.length >= 40, `only ${files.length} .dl files in ${displayPath(dir)}`);
});

for (const file of files) {
  const name = basename(file, ".dl");
  test(`errors ${name}`, (t) => {
    const { diagnostics } = pipeline.checked(file);
    t.false(
      diagnostics.some((d) => d.code === "DL9001"),
      diagnostics.find((d) => d.code === "DL9001")?.message,
    );
    t.true(diagnostics.some((d) => d.severity === "error"), `${name}.dl is in the error suite but has no error`);
    const diff = compareBaseline(join(dir, `${name}.errors.txt`), diagnosticsText(pipeline, diagnostics));
    if (diff) t.fail(diff);
  });
}
