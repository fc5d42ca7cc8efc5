/**
 * What `dl predict --input` reads: any data source the language has, chosen by what the path is.
 * - a folder of class sub-folders of PNG images (labels from the folder names, like `image_folder`);
 * - a folder of PNG images, or one `.png` file (no labels);
 * - an IDX file of images (`*-idx3-ubyte`, `.idx`, optionally gzipped; labels from `--labels`);
 * - a `.csv` file of numbers (a label column with `--label`).
 * The examples must have the shape the train block's data gives its model before the pipeline's
 * maps (`pad(2)`, `normalize(...)`), which predict then applies as training did.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PNG } from "pngjs";
import { csv } from "../data/csv.js";
import { Dataset } from "../data/dataset.js";
import { DataError } from "../data/errors.js";
import type { Field } from "../data/field.js";
import { idx } from "../data/idx.js";
import { imageFolder } from "../data/image-folder.js";

/** Data to predict on: `x` (and `y` when the input has labels) and a name for each example. */
export interface PredictInput {
  data: Dataset;
  /** Per example: the image file, or `<file>#<row>` for rows of an IDX or CSV file. */
  names: string[];
  /** Which reader was used, for messages: "image folder", "PNG images", "IDX", "CSV". */
  kind: string;
}

/** Options of `readPredictInput`. */
export interface PredictInputOptions {
  /** An IDX labels file for IDX images. */
  labels?: string;
  /** The label column of a CSV file (header name or 0-based index). */
  label?: string | number;
}

/**
 * Reads `input` into examples shaped like `like` (the `x` field the model was trained on, before
 * its maps) and gives them the same maps. Throws `DataError` naming the file on any mismatch.
 */
export function readPredictInput(input: string, like: Field, o: PredictInputOptions = {}): PredictInput {
  if (!fs.existsSync(input)) throw new DataError(input, "an image folder, PNG images, an IDX file or a CSV file", "no such file or folder");
  const want = like.storedShape;
  const expected = `examples of shape [${want.join(", ")}] (what the train block's data gives the model)`;
  const isImage = want.length === 3;
  let data: Dataset;
  let names: string[];
  let kind: string;
  if (fs.statSync(input).isDirectory()) {
    const entries = fs.readdirSync(input).sort();
    const hasClasses = entries.some((e) => fs.statSync(path.join(input, e)).isDirectory());
    if (!isImage) throw new DataError(input, expected, "a folder of images");
    if (hasClasses) {
      data = imageFolder(input, { channels: want[2] as 1 | 3 | 4, size: [want[0]!, want[1]!] });
      const classes = entries.filter((e) => fs.statSync(path.join(input, e)).isDirectory());
      names = classes.flatMap((c) => fs.readdirSync(path.join(input, c)).filter((f) => f.toLowerCase().endsWith(".png")).sort().map((f) => path.join(input, c, f)));
      kind = "image folder";
    } else {
      const files = entries.filter((f) => f.toLowerCase().endsWith(".png")).map((f) => path.join(input, f));
      if (files.length === 0) throw new DataError(input, "PNG images (or one sub-folder of them per class)", "none");
      data = pngImages(files, want);
      names = files;
      kind = "PNG images";
    }
  } else if (input.toLowerCase().endsWith(".png")) {
    if (!isImage) throw new DataError(input, expected, "an image");
    data = pngImages([input], want);
    names = [input];
    kind = "PNG image";
  } else if (input.toLowerCase().endsWith(".csv")) {
    if (want.length !== 1) throw new DataError(input, expected, "a CSV table (rows of numbers)");
    data = csv(input, { features: want[0], ...(o.label !== undefined ? { label: o.label } : {}) });
    names = Array.from({ length: data.length }, (_, i) => `${input}#${i + 1}`);
    kind = "CSV";
  } else {
    // IDX: images [N, H, W] or [N, H, W, C], or any other array with the example shape.
    if (!isImage) throw new DataError(input, expected, "an IDX file of images");
    data = idx({ images: input, ...(o.labels ? { labels: o.labels } : {}), shape: want as [number, number, number] });
    names = Array.from({ length: data.length }, (_, i) => `${input}#${i}`);
    kind = "IDX";
  }
  const x = data.fields.find((f) => f.name === "x")!;
  if (x.storedShape.join(",") !== want.join(",")) throw new DataError(input, expected, `[${x.storedShape.join(", ")}]`);
  // The train block's maps of x (pad, scale, normalize), so the model sees what it was trained on;
  // random augmentations do what they do outside training (nothing, or random_crop's centre window).
  const transforms = like.transforms.map((t) => (t.random && t.inference ? { apply: t.inference, shape: t.shape } : t));
  const fields = data.fields.map((f) => (f.name === "x" ? { ...f, transforms } : f));
  return { data: new Dataset(fields, data.offset, data.length, data.origin), names, kind };
}

/** PNG files as `x: [N, H, W, C]` in [0, 1]; each must be H×W (channels converted as `image_folder` does). */
function pngImages(files: string[], [h, w, c]: number[]): Dataset {
  const x = new Uint8Array(files.length * h! * w! * c!);
  files.forEach((file, i) => {
    let png: PNG;
    try {
      png = PNG.sync.read(fs.readFileSync(file));
    } catch (e) {
      throw new DataError(file, "a PNG image", `undecodable data (${(e as Error).message})`);
    }
    if (png.height !== h || png.width !== w) throw new DataError(file, `an image of [${h}, ${w}] pixels (what the model was trained on)`, `[${png.height}, ${png.width}]`);
    const base = i * h! * w! * c!;
    for (let p = 0; p < h! * w!; p++) {
      const [r, g, b, a] = [png.data[4 * p]!, png.data[4 * p + 1]!, png.data[4 * p + 2]!, png.data[4 * p + 3]!];
      if (c === 1) x[base + p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      else x.set(c === 3 ? [r, g, b] : [r, g, b, a], base + p * c!);
    }
  });
  return new Dataset([{ name: "x", storage: x, storedShape: [h!, w!, c!], dtype: "float32", hostScale: 1 / 255, transforms: [] }], 0, files.length, path.dirname(files[0]!));
}
