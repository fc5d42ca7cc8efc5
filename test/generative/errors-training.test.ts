/**
 * Diagnostic baselines of erroneous training programs: each `test/golden/errors-training/<name>.dl`
 * breaks one rule of generative training (an optimizer stepping the other side's loss, a
 * generator whose images do not fit its discriminator, a cycle that changes shape, a latent code
 * that does not fit the decoder, a Wasserstein critic ending in a sigmoid, ...), and
 * `<name>.errors.txt` holds what `dl check` prints. `UPDATE_GOLDEN=1` rewrites the baselines.
 */
import { basename, join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { compareBaseline, diagnosticsText, displayPath, dlFiles, repoRoot } from "../compiler/golden.js";

const dir = join(repoRoot, "test/golden/errors-training");
const files = dlFiles(dir);
const pipeline = new DocumentPipeline();

test("there are at least 15 training error baselines", (t) => {
  t.true(files.length >= 15, `only ${files.length} .dl files in ${displayPath(dir)}`);
});

for (const file of files) {
  const name = basename(file, ".dl");
  test(`training errors ${name}`, (t) => {
    const { diagnostics } = pipeline.checked(file);
    t.false(diagnostics.some((d) => d.code === "DL9001"), diagnostics.find((d) => d.code === "DL9001")?.message);
    t.true(diagnostics.length > 0, `${name}.dl is in the error suite but has no diagnostic`);
    const diff = compareBaseline(join(dir, `${name}.errors.txt`), diagnosticsText(pipeline, diagnostics));
    if (diff) t.fail(diff);
  });
}
