/**
 * The static memory estimate of a training step: `test/golden/memory/<name>.dl` are large
 * models on the default backend (ViT-B/16, Wide ResNet-50-2) whose `dl check` warnings (the
 * estimate, the wasm limit and a batch that fits) are kept in `<name>.warnings.txt`; and the
 * parts of the estimate are checked against counts known from torchvision.
 */
import { basename, join } from "node:path";
import test from "ava";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { estimateTrainMemory } from "../../compiler/memory/train-memory.js";
import { compareBaseline, diagnosticsText, dlFiles, repoRoot } from "./golden.js";

const dir = join(repoRoot, "test/golden/memory");
const pipeline = new DocumentPipeline();

for (const file of dlFiles(dir)) {
  const name = basename(file, ".dl");
  test(`memory ${name}`, (t) => {
    const { diagnostics } = pipeline.checked(file);
    t.false(diagnostics.some((d) => d.severity === "error"), diagnostics.map((d) => d.message).join("\n"));
    t.true(diagnostics.some((d) => d.code === "DL4301"), `${name}.dl fits the wasm backend; the memory suite holds models that do not`);
    const diff = compareBaseline(join(dir, `${name}.warnings.txt`), diagnosticsText(pipeline, diagnostics));
    if (diff) t.fail(diff);
  });
}

test("the estimate counts weights, gradients, optimizer state and activations for the loop's batch", (t) => {
  const checked = pipeline.checked(join(dir, "wide-resnet50-2-imagenet.dl"));
  const m = estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
  // torchvision's wide_resnet50_2: 68,883,240 weights, plus 68,224 running statistics.
  t.is(m.parameters, (68_883_240 + 68_224) * 4);
  t.is(m.gradients, 68_883_240 * 4);
  t.is(m.optimizerState, 2 * 68_883_240 * 4);
  t.is(m.batch, 32);
  t.is(m.total, m.fixed + m.activations);
  t.is(m.activations, m.perExample * 32);
  // The stem's first output alone is 112 × 112 × 64 values per example, kept with its inner results.
  t.true(m.perExample > 112 * 112 * 64 * 4 * 2);
});

test("a small model on MNIST has an estimate well under the limit and no warning", (t) => {
  const checked = pipeline.checked(join(repoRoot, "examples/lenet-mnist.dl"));
  t.deepEqual(checked.diagnostics.filter((d) => d.code === "DL4301"), []);
  const m = estimateTrainMemory(checked.trains[0]!, (k) => checked.compilation.instance(k))!;
  t.true(m.total > 0 && m.total < 2 ** 30, String(m.total));
});
