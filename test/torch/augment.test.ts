/**
 * Augmentations on both engines: the draws come from the shared counter-based Rng and crops and
 * flips gather whole pixels, so dl_torch's augmented batches equal the tfjs runtime's (crops and
 * flips bit for bit, brightness and contrast within float rounding).
 */
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { pythonEnv } from "../../cli/torch-engine.js";
import { python, torchTest } from "./torch-helpers.js";

const [N, H, W, C] = [12, 6, 5, 3];
const value = (j: number): number => ((j * 37) % 101) / 100;

/** The same pipeline on both engines, as TypeScript and as Python source over a data set `d`. */
const pipelines: { name: string; ts: (d: dl.data.Dataset) => dl.data.Dataset; py: string; exact: boolean }[] = [
  { name: "random_crop(4, padding=2)", ts: (d) => d.randomCrop(4, { padding: 2 }), py: 'd.randomCrop(4, {"padding": 2})', exact: true },
  { name: "random_flip(vertical=true)", ts: (d) => d.randomFlip({ horizontal: true, vertical: true }), py: 'd.randomFlip({"horizontal": True, "vertical": True})', exact: true },
  { name: "center_crop([4, 3])", ts: (d) => d.centerCrop([4, 3]), py: "d.centerCrop([4, 3])", exact: true },
  { name: "pad, crop, flip", ts: (d) => d.pad(1).randomCrop([H, W], { padding: 1 }).randomFlip(), py: 'd.pad(1).randomCrop([6, 5], {"padding": 1}).randomFlip()', exact: true },
  { name: "random_brightness(0.3)", ts: (d) => d.randomBrightness(0.3), py: "d.randomBrightness(0.3)", exact: false },
  { name: "random_contrast(0.4)", ts: (d) => d.randomContrast(0.4), py: "d.randomContrast(0.4)", exact: false },
];

function tfjsBatches(make: (d: dl.data.Dataset) => dl.data.Dataset): number[][] {
  const x = Float32Array.from({ length: N * H * W * C }, (_, j) => value(j));
  const d = new dl.data.Dataset([{ name: "x", storage: x, storedShape: [H, W, C], dtype: "float32", hostScale: 1, transforms: [] }], 0, N, "images");
  const out: number[][] = [];
  const batched = make(d).batch(4, { shuffle: true });
  for (const e of [0, 1]) {
    for (const [b] of batched.epoch(e, 0, 5)) {
      out.push(Array.from(b!.dataSync()));
      b!.dispose();
    }
  }
  return out;
}

function torchBatches(expr: string): number[][] {
  const script = `
import json, numpy as np, dl_torch as dl
from dl_torch.data import Dataset, Field
x = np.array([((j * 37) % 101) / 100 for j in range(${N * H * W * C})], np.float32)
d = Dataset([Field("x", x, [${H}, ${W}, ${C}], "float32")], 0, ${N}, "images")
b = (${expr}).batch(4, {"shuffle": True})
print(json.dumps([t[0].reshape(-1).tolist() for e in (0, 1) for t in b.epoch(e, 0, 5)]))
`;
  const r = spawnSync(python!, ["-c", script], { encoding: "utf8", env: pythonEnv() });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[][];
}

for (const p of pipelines) {
  torchTest(`${p.name}: dl_torch's augmented batches equal the tfjs runtime's${p.exact ? " exactly" : " within 1e-6"}`, async (t) => {
    await dl.selectBackend("wasm");
    const a = tf.tidy(() => tfjsBatches(p.ts));
    const b = torchBatches(p.py);
    t.is(b.length, a.length);
    a.forEach((batch, i) => {
      t.is(b[i]!.length, batch.length);
      const worst = Math.max(...batch.map((v, j) => Math.abs(v - b[i]![j]!)));
      if (p.exact) t.is(worst, 0, `batch ${i}`);
      else t.true(worst <= 1e-6, `batch ${i}: difference ${worst}`);
    });
  });
}
