/**
 * One model, two engines, same numbers: LeNet-5, a GAN, WGAN-GP, a recurrent recipe and the
 * encoder-decoder Transformer on token sequences start
 * from the same weights (written by the tfjs engine, loaded by name into the torch engine) and
 * the same batches (the engines share the seeded data order); random draws are replaced by the
 * same deterministic noise on both sides. The first training losses agree within 1e-4.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bothEngines, driver, tempDir, torchTest } from "./torch-helpers.js";
import { patchNoise } from "./noise.js";

const cases: { file: string; train: string; steps: number }[] = [
  { file: "examples/lenet-mnist.dl", train: "lenet", steps: 2 },
  { file: "examples/gan-mnist.dl", train: "gan", steps: 1 },
  { file: "examples/wgan-gp-mnist.dl", train: "wgan_gp", steps: 1 },
  { file: "examples/rnn-mnist.dl", train: "rnn", steps: 1 },
  // The augmentations draw the same crops and factors on both engines (runtime/data/augment.ts).
  { file: "examples/augment-mnist.dl", train: "augment", steps: 3 },
  // Parameter groups (torch.optim param groups on torch): the losses of 6 steps agree only if
  // both engines give every group its own scheduled rate and decay.
  { file: "test/torch/programs/param-groups.dl", train: "param_groups", steps: 6 },
  // `repeat 3 fresh`: each loss is the mean of the batch its step saw, so equal traces mean both
  // engines draw the same batches in the same order, across the end of an epoch (20 critic steps).
  { file: "test/golden/codegen/train-repeat-fresh.dl", train: "fresh", steps: 8 },
  { file: "examples/transformer-reverse.dl", train: "reverse", steps: 2 },
];

for (const c of cases) {
  torchTest(`first losses of ${c.file} (${c.train}) agree on tfjs and torch within 1e-4`, async (t) => {
    const dir = tempDir();
    const { ts, py, dl } = await bothEngines(c.file, dir);
    const make = ts[c.train] as () => Parameters<typeof dl.run>[0];
    // The initial weights of the tfjs build (the same seed builds the same weights in dl.run).
    const program = make();
    const setup = program.build(new dl.Rng(program.seed));
    const weights = join(dir, "weights");
    for (const [key, m] of Object.entries(setup.models)) await dl.checkpoint.writeWeights(join(weights, "models", key), m.namedVariables());
    for (const m of Object.values(setup.models)) m.dispose();
    const restore = patchNoise(dl.random as unknown as { normal: unknown; uniform: unknown });
    let tfjs: { step: number; name: string; value: number }[];
    try {
      const r = await dl.run(make(), { maxSteps: c.steps, trace: true, quiet: true, evaluateOnStop: false, outDir: join(dir, "tfjs") });
      tfjs = r.trace;
    } finally {
      restore();
    }
    const traceFile = join(dir, "torch-trace.json");
    driver(["train", py, "--train", c.train, "--weights", weights, "--trace", traceFile, "--max-steps", String(c.steps), "--out", join(dir, "torch"), "--quiet", "--threads", "1"]);
    const torch = JSON.parse(readFileSync(traceFile, "utf8")) as typeof tfjs;
    t.is(torch.length, tfjs.length, "the same losses recorded");
    tfjs.forEach((a, i) => {
      const b = torch[i]!;
      t.is(b.name, a.name);
      const diff = Math.abs(a.value - b.value);
      t.true(diff <= 1e-4 * Math.max(1, Math.abs(a.value)), `step ${a.step} ${a.name}: tfjs ${a.value}, torch ${b.value} (difference ${diff})`);
    });
  });
}
