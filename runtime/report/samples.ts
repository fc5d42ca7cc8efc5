/**
 * Sample grids: what a generative program's `samples` produces at the end of each epoch, tiled
 * into one PNG (`<outDir>/samples/epoch-003.png`, and `samples/latest.png`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { PNG } from "pngjs";
import { Rng } from "../rng.js";

/**
 * Tiles images `[N, H, W, C]` (C = 1 or 3) into a near-square grid with a 2-pixel gap and encodes
 * it as PNG. Values in [0, 1] are taken as they are; a batch with negative values is read as
 * [−1, 1] (tanh generators). Out-of-range values are clipped.
 */
export function sampleGridPng(images: tf.Tensor): Buffer {
  if (images.rank !== 4 || (images.shape[3] !== 1 && images.shape[3] !== 3)) {
    throw new Error(`samples must be images [N, H, W, 1 or 3], got [${images.shape.join(", ")}]`);
  }
  const [n, h, w, c] = images.shape as [number, number, number, number];
  const data = images.dataSync();
  let lo = Infinity;
  for (const v of data) lo = Math.min(lo, v);
  const map = lo < 0 ? (v: number) => (v + 1) / 2 : (v: number) => v;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const gap = 2;
  const png = new PNG({ width: cols * (w + gap) + gap, height: rows * (h + gap) + gap });
  png.data.fill(255);
  for (let i = 0; i < n; i++) {
    const ox = gap + (i % cols) * (w + gap);
    const oy = gap + Math.floor(i / cols) * (h + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((oy + y) * png.width + ox + x) * 4;
        for (let k = 0; k < 3; k++) {
          const v = map(data[src + (c === 3 ? k : 0)]!);
          png.data[dst + k] = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)));
        }
        png.data[dst + 3] = 255;
      }
    }
  }
  return PNG.sync.write(png);
}

/**
 * Runs a program's `samples` function with a fresh stream `samples` under the program seed (the
 * same latent codes every epoch, so grids compare across epochs) and writes the grid. Returns the
 * path written.
 */
export async function writeSamples(outDir: string, epoch: number, seed: number, samples: (rng: Rng) => tf.Tensor): Promise<string> {
  const images = tf.tidy(() => samples(new Rng(seed).child("samples")));
  try {
    // Downloaded asynchronously first (webgpu in Node has no synchronous read); tfjs caches it.
    await images.data();
    const png = sampleGridPng(images);
    const dir = path.join(outDir, "samples");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `epoch-${String(epoch).padStart(3, "0")}.png`);
    fs.writeFileSync(file, png);
    fs.writeFileSync(path.join(dir, "latest.png"), png);
    return file;
  } finally {
    images.dispose();
  }
}

/** One-hot labels `[n, classes]` cycling through the classes (row i is class i mod classes): a conditional model's sample grid. */
export function labelGrid(n: number, classes: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), "int32"), classes), "float32"));
}
