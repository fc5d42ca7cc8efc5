/**
 * `dl.data.imageFolder(root)`: one sub-folder per class (sorted names give the indices), PNG files
 * inside, decoded with pngjs into `x: float32 [N, H, W, C]` in [0, 1] and `y: int32 [N]`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PNG } from "pngjs";
import { Dataset } from "./dataset.js";
import { DataError, readDataFile } from "./errors.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a file that should be a PNG seems to be. */
function sniff(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "JPEG data";
  const head = b.subarray(0, 12).toString("latin1");
  if (head.startsWith("GIF8")) return "GIF data";
  if (head.startsWith("BM")) return "BMP data";
  if (head.startsWith("RIFF") && head.slice(8) === "WEBP") return "WebP data";
  if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(b.subarray(0, 64).toString("latin1"))) return "text";
  return "data of another kind";
}

/** Options of `imageFolder`. */
export interface ImageFolderOptions {
  /** 1 (luminance), 3 (RGB) or 4 (RGBA); default 3. */
  channels?: 1 | 3 | 4;
  /** Height and width the program declares: every image must have them. */
  size?: [number, number];
}

/**
 * Loads every PNG of every class folder; all images must have the declared size (or the first
 * image's). Hidden files are ignored; an empty class folder, a file that is not a PNG image, or an
 * image of another size is a `DataError` naming it.
 */
export function imageFolder(root: string, o: ImageFolderOptions = {}): Dataset {
  const channels = o.channels ?? 3;
  if (![1, 3, 4].includes(channels)) throw new DataError(root, "images of 1, 3 or 4 channels", `channels=${channels}`);
  const layout = "a folder with one sub-folder of PNG images per class";
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new DataError(root, layout, "no such folder");
  }
  if (!stat.isDirectory()) throw new DataError(root, layout, "a file");
  const visible = (dir: string): string[] => fs.readdirSync(dir).filter((f) => !f.startsWith(".") && f !== "Thumbs.db" && f !== "desktop.ini");
  const top = visible(root);
  const classes = top.filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort();
  if (classes.length === 0) {
    const pngs = top.filter((f) => f.toLowerCase().endsWith(".png")).length;
    throw new DataError(
      root,
      layout,
      pngs ? `${pngs} PNG files directly in it and no class sub-folders: put each class's images in a sub-folder named after it` : "no sub-folders",
    );
  }
  // An image beside the class folders belongs to no class: say so rather than drop it.
  const loose = top.find((f) => f.toLowerCase().endsWith(".png") && !classes.includes(f));
  if (loose) throw new DataError(path.join(root, loose), "only class sub-folders beside it (the image has no class)", "a PNG image directly in the data folder");
  const files = classes.flatMap((c, label) => {
    const dir = path.join(root, c);
    const names = visible(dir).sort();
    if (names.length === 0) throw new DataError(dir, `PNG images of class "${c}" (every class folder needs at least one)`, "an empty class folder");
    return names.map((f) => {
      const file = path.join(dir, f);
      if (!f.toLowerCase().endsWith(".png")) {
        const kind = fs.statSync(file).isDirectory()
          ? "a folder (class folders hold images, not more folders)"
          : `a ${path.extname(f) || "file without extension"} file`;
        throw new DataError(file, "a PNG image (image_folder reads PNG files only: convert the file or move it out of the class folder)", kind);
      }
      return { file, label };
    });
  });
  let h = 0;
  let w = 0;
  let x = new Uint8Array(0);
  const y = new Int32Array(files.length);
  files.forEach(({ file, label }, i) => {
    const bytes = readDataFile(file, "a PNG image");
    if (bytes.length === 0) throw new DataError(file, "a PNG image", "an empty file");
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new DataError(file, "a PNG image", `${sniff(bytes)} (no PNG signature)`);
    let png: PNG;
    try {
      png = PNG.sync.read(bytes);
    } catch (e) {
      throw new DataError(file, "a PNG image", `damaged PNG data (${(e as Error).message})`);
    }
    if (i === 0)
      [h, w, x] = [
        o.size?.[0] ?? png.height,
        o.size?.[1] ?? png.width,
        new Uint8Array(files.length * (o.size?.[0] ?? png.height) * (o.size?.[1] ?? png.width) * channels),
      ];
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
