/**
 * `dl.data.imageFolder(root)`: one sub-folder per class (sorted names give the indices), PNG files
 * inside, decoded with pngjs into `x: float32 [N, H, W, C]` in [0, 1] and `y: int32 [N]`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PNG } from "pngjs";
import { Dataset } from "./dataset.js";
import { DataError } from "./errors.js";

/** Options of `imageFolder`. */
export interface ImageFolderOptions {
  /** 1 (luminance), 3 (RGB) or 4 (RGBA); default 3. */
  channels?: 1 | 3 | 4;
  /** Height and width the program declares: every image must have them. */
  size?: [number, number];
}

/** Loads every PNG of every class folder; all images must have the first image's size. */
export function imageFolder(root: string, o: ImageFolderOptions = {}): Dataset {
  const channels = o.channels ?? 3;
  if (![1, 3, 4].includes(channels)) throw new DataError(root, "images of 1, 3 or 4 channels", `channels=${channels}`);
  if (!fs.existsSync(root)) throw new DataError(root, "a folder with one sub-folder per class", "no such folder");
  const classes = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort();
  const files = classes.flatMap((c, label) =>
    fs.readdirSync(path.join(root, c)).filter((f) => f.toLowerCase().endsWith(".png")).sort().map((f) => ({ file: path.join(root, c, f), label })),
  );
  if (files.length === 0) throw new DataError(root, "PNG files in class sub-folders", "none");
  let h = 0;
  let w = 0;
  let x = new Uint8Array(0);
  const y = new Int32Array(files.length);
  files.forEach(({ file, label }, i) => {
    let png: PNG;
    try {
      png = PNG.sync.read(fs.readFileSync(file));
    } catch (e) {
      throw new DataError(file, "a PNG image", `undecodable data (${(e as Error).message})`);
    }
    if (i === 0) [h, w, x] = [o.size?.[0] ?? png.height, o.size?.[1] ?? png.width, new Uint8Array(files.length * (o.size?.[0] ?? png.height) * (o.size?.[1] ?? png.width) * channels)];
    if (png.height !== h || png.width !== w) {
      const like = o.size ? "as the program declares" : `like ${files[0]!.file}`;
      throw new DataError(file, `an image of [${h}, ${w}, ${channels}] ${like}`, `[${png.height}, ${png.width}]`);
    }
    const base = i * h * w * channels;
    for (let p = 0; p < h * w; p++) {
      const [r, g, b, a] = [png.data[4 * p]!, png.data[4 * p + 1]!, png.data[4 * p + 2]!, png.data[4 * p + 3]!];
      if (channels === 1) x[base + p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      else {
        x.set(channels === 3 ? [r, g, b] : [r, g, b, a], base + p * channels);
      }
    }
    y[i] = label;
  });
  return new Dataset(
    [
      { name: "x", storage: x, storedShape: [h, w, channels], dtype: "float32", hostScale: 1 / 255, transforms: [] },
      { name: "y", storage: y, storedShape: [], dtype: "int32", hostScale: 1, transforms: [] },
    ],
    0,
    files.length,
    path.basename(root),
  );
}
