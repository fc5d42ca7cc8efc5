/**
 * `dl.data.idx({images, labels})`: the IDX format of MNIST and Fashion-MNIST (optionally
 * gzipped): a magic word (0, 0, type, rank), big-endian uint32 dimensions, then the values.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { Dataset } from "./dataset.js";
import { DataError, readDataFile } from "./errors.js";
import type { Field, Storage } from "./field.js";

/** A parsed IDX array. */
export interface IdxArray {
  dims: number[];
  data: Storage;
  /** True when the file held unsigned bytes (pixels to be scaled to [0, 1]). */
  bytes: boolean;
}

/** Byte widths of the IDX element types. */
const WIDTHS: Record<number, number> = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 };
const MAGIC = "an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions)";

/** Reads any IDX file (uint8, int8, int16, int32, float32, float64 are converted as noted). */
export function readIdx(file: string, expected = "an IDX array"): IdxArray {
  let buf = readDataFile(file, expected);
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (err) {
      throw new DataError(file, `${expected} (gzip-compressed)`, `a damaged gzip stream (${(err as Error).message}); the file is truncated or corrupted`);
    }
  }
  if (buf.length === 0) throw new DataError(file, `${expected}: ${MAGIC}`, "an empty file");
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) {
    throw new DataError(file, `${expected}: ${MAGIC}`, `first bytes ${hexBytes(buf.subarray(0, 4))}${describeStart(buf)}`);
  }
  const type = buf[2]!;
  const rank = buf[3]!;
  const width = WIDTHS[type];
  if (width === undefined)
    throw new DataError(file, `${expected}: ${MAGIC}, type 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e`, `type 0x${type.toString(16).padStart(2, "0")}`);
  const start = 4 + 4 * rank;
  if (buf.length < start) throw new DataError(file, `${expected}: a header of ${start} bytes for its ${rank} dimensions`, `${buf.length} bytes (truncated)`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  if (buf.length !== start + count * width) {
    const what = buf.length < start + count * width ? "truncated" : "extra bytes at the end";
    throw new DataError(file, `${expected} of ${start + count * width} bytes for dims [${dims.join(", ")}]`, `${buf.length} bytes (${what})`);
  }
  const body = buf.subarray(start);
  if (type === 0x08) return { dims, data: new Uint8Array(body), bytes: true };
  const out = type === 0x0d || type === 0x0e ? new Float32Array(count) : new Int32Array(count);
  const read = (i: number): number =>
    type === 0x09
      ? body.readInt8(i)
      : type === 0x0b
        ? body.readInt16BE(2 * i)
        : type === 0x0c
          ? body.readInt32BE(4 * i)
          : type === 0x0d
            ? body.readFloatBE(4 * i)
            : body.readDoubleBE(8 * i);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return { dims, data: out, bytes: false };
}

function hexBytes(b: Uint8Array): string {
  return [...b].map((x) => `0x${x.toString(16).padStart(2, "0")}`).join(" ");
}

/** What a file that is not IDX seems to be, for the message. */
function describeStart(buf: Buffer): string {
  const head = buf.subarray(0, 8).toString("latin1");
  if (head.startsWith("\x89PNG")) return " (a PNG image)";
  if (head.startsWith("PK")) return " (a zip archive: unpack it first)";
  if (buf[0] === 0xff && buf[1] === 0xd8) return " (a JPEG image)";
  if (/^[\x09\x0a\x0d\x20-\x7e]{4}/.test(head)) return " (text)";
  return "";
}

/** Images `[N, H, W]` (or `[N, H, W, C]`) and labels `[N]` as `x: [N, H, W, C]` in [0, 1], `y: int32 [N]`. */
export function idx(o: { images: string; labels?: string; shape?: [number, number, number] }): Dataset {
  const img = readIdx(o.images, "IDX images [N, H, W] or [N, H, W, C]");
  if (img.dims.length !== 3 && img.dims.length !== 4) {
    throw new DataError(o.images, "IDX images [N, H, W] or [N, H, W, C]", `dims [${img.dims.join(", ")}]`);
  }
  const [n, h, w, c = 1] = img.dims as [number, number, number, number?];
  // The shape the .dl program declared (and was checked against): the files must agree.
  if (o.shape && (o.shape[0] !== h || o.shape[1] !== w || o.shape[2] !== c)) {
    throw new DataError(o.images, `IDX images [N, ${o.shape.join(", ")}] as the program declares`, `[${n}, ${h}, ${w}, ${c}]`);
  }
  const fields: Field[] = [{ name: "x", storage: img.data, storedShape: [h, w, c], dtype: "float32", hostScale: img.bytes ? 1 / 255 : 1, transforms: [] }];
  if (o.labels) {
    const lab = readIdx(o.labels, `IDX labels [${n}]`);
    if (lab.dims.length !== 1 || lab.dims[0] !== n) {
      throw new DataError(o.labels, `IDX labels [${n}] (one per image in ${o.images})`, `dims [${lab.dims.join(", ")}]`);
    }
    fields.push({ name: "y", storage: lab.data, storedShape: [], dtype: "int32", hostScale: 1, transforms: [] });
  }
  return new Dataset(fields, 0, n, path.basename(o.images));
}

/** Fashion-MNIST from `dir` (default `$DL_FASHION_MNIST` or the Debian package's folder). */
export function fashionMnist(o: { split?: "train" | "test"; dir?: string } = {}): Dataset {
  const dir = o.dir ?? process.env.DL_FASHION_MNIST ?? "/usr/share/datasets/fashion-mnist";
  const prefix = (o.split ?? "train") === "train" ? "train" : "t10k";
  const find = (stem: string): string => {
    const plain = path.join(dir, stem);
    return fs.existsSync(plain) ? plain : `${plain}.gz`;
  };
  return idx({ images: find(`${prefix}-images-idx3-ubyte`), labels: find(`${prefix}-labels-idx1-ubyte`) });
}
