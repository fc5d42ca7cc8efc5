/**
 * Bad data (issue 12, item 6), as a table: files as written -> the loader's exact message, which
 * names the file (and line) and what was expected. Accepted variants (a BOM, CRLF, quoted cells)
 * load the same values as the plain file. Through the CLI, bad data prints `error: <file>: ...`
 * and exits 1, without a stack trace.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { PNG } from "pngjs";
import { gzipSync } from "node:zlib";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";
import { repoRoot } from "./fixtures/faults/harness.js";

test.before(useWasm);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-bad-data-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An IDX file: magic (0, 0, type, rank), big-endian dims, then bytes. */
function idxBytes(dims: number[], body: number[] | Uint8Array, type = 0x08): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(body)]);
}

/** A PNG of `w` x `h` pixels of grey `v`. */
function png(w: number, h: number, v = 128): Buffer {
  const p = new PNG({ width: w, height: h });
  p.data.fill(v);
  return PNG.sync.write(p);
}

type Files = Record<string, string | Buffer | null>; // null: an empty folder
type Load = (dir: string) => unknown;

const csv =
  (options: dl.data.CsvOptions = {}): Load =>
  (dir) =>
    dl.data.csv(path.join(dir, "t.csv"), options);
const idx =
  (o: { labels?: boolean; shape?: [number, number, number] } = {}): Load =>
  (dir) =>
    dl.data.idx({ images: path.join(dir, "images.idx"), labels: o.labels ? path.join(dir, "labels.idx") : undefined, shape: o.shape });
const images =
  (o: dl.data.ImageFolderOptions = { channels: 1, size: [2, 2] }): Load =>
  (dir) =>
    dl.data.imageFolder(path.join(dir, "photos"), o);
const goodImages: Files = { "photos/cat/a.png": png(2, 2), "photos/dog/b.png": png(2, 2) };
const pixels = [1, 2, 3, 4, 5, 6, 7, 8];

/** Bad input -> exact message; `<dir>` is the case's folder. */
const cases: { name: string; files: Files; load: Load; message: string }[] = [
  // CSV
  {
    name: "csv: empty file",
    files: { "t.csv": "" },
    load: csv(),
    message: "<dir>/t.csv: expected a CSV table (a header row, then rows of numbers), found an empty file",
  },
  {
    name: "csv: blank lines only",
    files: { "t.csv": "\n \r\n" },
    load: csv(),
    message: "<dir>/t.csv: expected a CSV table (a header row, then rows of numbers), found only blank lines",
  },
  {
    name: "csv: header only",
    files: { "t.csv": "a,b,kind\n" },
    load: csv({ label: "kind" }),
    message: "<dir>/t.csv: expected rows of data after the header, found only the header (line 1)",
  },
  {
    name: "csv: missing cell",
    files: { "t.csv": "a,b,kind\n1,2,x\n3,,y\n" },
    load: csv({ label: "kind" }),
    message: '<dir>/t.csv:3: expected a number in column "b" (column 2), found an empty cell',
  },
  {
    name: "csv: a regression target that is not a number",
    files: { "t.csv": "a,b,price\n1,2,3.5\n3,4,cheap\n" },
    load: csv({ label: "price", labelType: "float" }),
    message: '<dir>/t.csv:3: expected a number in column "price" (column 3) (a regression target), found "cheap"',
  },
  {
    name: "csv: missing label",
    files: { "t.csv": "a,b,kind\n1,2,\n" },
    load: csv({ label: "kind" }),
    message: '<dir>/t.csv:2: expected a class label in column "kind" (column 3), found an empty cell',
  },
  {
    name: "csv: non-numeric cell",
    files: { "t.csv": "a,b\n1,2\n3,four\n" },
    load: csv(),
    message: '<dir>/t.csv:3: expected a number in column "b" (column 2), found "four"',
  },
  {
    name: "csv: NaN is not a number here",
    files: { "t.csv": "1,2\n3,NaN\n" },
    load: csv({ header: false }),
    message: '<dir>/t.csv:2: expected a number in column 2, found "NaN"',
  },
  {
    name: "csv: hex is not decimal",
    files: { "t.csv": "a\n0x1f\n" },
    load: csv(),
    message: '<dir>/t.csv:2: expected a number in column "a" (column 1), found "0x1f"',
  },
  {
    name: "csv: a short row",
    files: { "t.csv": "a,b,kind\n1,2,x\n3,y\n" },
    load: csv({ label: "kind" }),
    message: "<dir>/t.csv:3: expected 3 columns (like the header: a, b, kind), found 2",
  },
  { name: "csv: a long row", files: { "t.csv": "1,2\n3,4,5\n" }, load: csv(), message: "<dir>/t.csv:2: expected 2 columns (like line 1), found 3" },
  {
    name: "csv: unterminated quote",
    files: { "t.csv": 'a,b\n1,"2\n3,4\n' },
    load: csv(),
    message: "<dir>/t.csv:2: expected a closing quote for the cell opened here, found the end of the file",
  },
  {
    name: "csv: label not in header",
    files: { "t.csv": "a,b\n1,2\n" },
    load: csv({ label: "kind" }),
    message: '<dir>/t.csv: expected a label column "kind" among [a, b], found none',
  },
  {
    name: "csv: other feature count than declared",
    files: { "t.csv": "a,b,kind\n1,2,x\n" },
    load: csv({ label: "kind", features: 3 }),
    message: '<dir>/t.csv: expected 3 feature columns as the program declares (x: [3]) plus the label column "kind", found 2 (columns a, b, kind)',
  },
  { name: "csv: no such file", files: {}, load: csv(), message: "<dir>/t.csv: expected a CSV table (a header row, then rows of numbers), found no such file" },
  {
    name: "csv: a folder",
    files: { "t.csv": null },
    load: csv(),
    message: "<dir>/t.csv: expected a CSV table (a header row, then rows of numbers), found a folder",
  },
  // IDX
  {
    name: "idx: truncated body",
    files: { "images.idx": idxBytes([2, 2, 2], pixels.slice(0, 5)) },
    load: idx(),
    message: "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C] of 24 bytes for dims [2, 2, 2], found 21 bytes (truncated)",
  },
  {
    name: "idx: truncated header",
    files: { "images.idx": idxBytes([2, 2, 2], []).subarray(0, 9) },
    load: idx(),
    message: "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C]: a header of 16 bytes for its 3 dimensions, found 9 bytes (truncated)",
  },
  {
    name: "idx: extra bytes",
    files: { "images.idx": idxBytes([2, 2, 2], [...pixels, 9]) },
    load: idx(),
    message: "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C] of 24 bytes for dims [2, 2, 2], found 25 bytes (extra bytes at the end)",
  },
  {
    name: "idx: wrong magic (a PNG)",
    files: { "images.idx": png(2, 2) },
    load: idx(),
    message:
      "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C]: an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions), found first bytes 0x89 0x50 0x4e 0x47 (a PNG image)",
  },
  {
    name: "idx: wrong magic (text)",
    files: { "images.idx": "hello, world" },
    load: idx(),
    message:
      "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C]: an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions), found first bytes 0x68 0x65 0x6c 0x6c (text)",
  },
  {
    name: "idx: unknown type",
    files: { "images.idx": idxBytes([2, 2, 2], pixels, 0x07) },
    load: idx(),
    message:
      "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C]: an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions), type 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e, found type 0x07",
  },
  {
    name: "idx: empty file",
    files: { "images.idx": "" },
    load: idx(),
    message:
      "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C]: an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions), found an empty file",
  },
  {
    name: "idx: truncated gzip",
    files: { "images.idx": gzipSync(idxBytes([2, 2, 2], pixels)).subarray(0, 20) },
    load: idx(),
    message:
      "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C] (gzip-compressed), found a damaged gzip stream (unexpected end of file); the file is truncated or corrupted",
  },
  {
    name: "idx: wrong rank",
    files: { "images.idx": idxBytes([8], pixels) },
    load: idx(),
    message: "<dir>/images.idx: expected IDX images [N, H, W] or [N, H, W, C], found dims [8]",
  },
  {
    name: "idx: labels of another count",
    files: { "images.idx": idxBytes([2, 2, 2], pixels), "labels.idx": idxBytes([3], [0, 1, 2]) },
    load: idx({ labels: true }),
    message: "<dir>/labels.idx: expected IDX labels [2] (one per image in <dir>/images.idx), found dims [3]",
  },
  {
    name: "idx: other image shape than declared",
    files: { "images.idx": idxBytes([2, 2, 2], pixels) },
    load: idx({ shape: [28, 28, 1] }),
    message: "<dir>/images.idx: expected IDX images [N, 28, 28, 1] as the program declares, found [2, 2, 2, 1]",
  },
  // Image folders
  {
    name: "images: wrong-size image",
    files: { ...goodImages, "photos/dog/c.png": png(3, 2) },
    load: images(),
    message: "<dir>/photos/dog/c.png: expected an image of [2, 2, 1] as the program declares, found [2, 3]",
  },
  {
    name: "images: a JPEG among the PNGs",
    files: { ...goodImages, "photos/dog/c.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
    load: images(),
    message:
      "<dir>/photos/dog/c.jpg: expected a PNG image (image_folder reads PNG files only: convert the file or move it out of the class folder), found a .jpg file",
  },
  {
    name: "images: JPEG data named .png",
    files: { ...goodImages, "photos/dog/c.png": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
    load: images(),
    message: "<dir>/photos/dog/c.png: expected a PNG image, found JPEG data (no PNG signature)",
  },
  {
    name: "images: text named .png",
    files: { ...goodImages, "photos/dog/c.png": "not an image\n" },
    load: images(),
    message: "<dir>/photos/dog/c.png: expected a PNG image, found text (no PNG signature)",
  },
  {
    name: "images: empty .png",
    files: { ...goodImages, "photos/dog/c.png": "" },
    load: images(),
    message: "<dir>/photos/dog/c.png: expected a PNG image, found an empty file",
  },
  {
    name: "images: truncated PNG",
    files: { ...goodImages, "photos/dog/c.png": png(2, 2).subarray(0, 40) },
    load: images(),
    message: /^<dir>\/photos\/dog\/c\.png: expected a PNG image, found damaged PNG data \(.+\)$/.source,
  },
  {
    name: "images: empty class folder",
    files: { ...goodImages, "photos/emu": null },
    load: images(),
    message: '<dir>/photos/emu: expected PNG images of class "emu" (every class folder needs at least one), found an empty class folder',
  },
  {
    name: "images: no class folders",
    files: { "photos/a.png": png(2, 2), "photos/b.png": png(2, 2) },
    load: images(),
    message:
      "<dir>/photos: expected a folder with one sub-folder of PNG images per class, found 2 PNG files directly in it and no class sub-folders: put each class's images in a sub-folder named after it",
  },
  {
    name: "images: no such folder",
    files: {},
    load: images(),
    message: "<dir>/photos: expected a folder with one sub-folder of PNG images per class, found no such folder",
  },
];

function materialize(name: string, files: Files): string {
  const dir = path.join(tmp, name.replace(/\W+/g, "-"));
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (content === null) {
      fs.mkdirSync(file, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

for (const c of cases) {
  test(c.name, (t) => {
    const dir = materialize(c.name, c.files);
    const error = t.throws(() => c.load(dir), { instanceOf: dl.DataError });
    const expected = c.message.split("<dir>").join(dir);
    if (c.message.startsWith("^")) t.regex(error!.message, new RegExp(c.message.split("<dir>").join(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));
    else t.is(error!.message, expected);
  });
}

/** The first batch of a data set as plain arrays. */
function values(d: dl.Dataset): number[][] {
  const batch = d.batch(d.length).epoch(0).next().value as tf.Tensor[];
  const out = batch.map((b) => Array.from(b.dataSync()));
  tf.dispose(batch);
  return out;
}

const plain = "a,b,kind\n1.5,2,spam\n-3,4e-1,ham\n";
const accepted: [string, string][] = [
  ["a byte order mark", "\uFEFF" + plain],
  ["CRLF line ends", plain.replace(/\n/g, "\r\n")],
  ["a BOM, CRLF and no final line end", "\uFEFF" + plain.replace(/\n/g, "\r\n").trimEnd()],
  ["quoted cells and header names", '"a","b","kind"\n"1.5", 2 ,"spam"\n-3,"4e-1",ham\n'],
  ["blank lines", "\n" + plain.replace("\n", "\n\n") + "\n\n"],
];
for (const [name, text] of accepted) {
  test(`csv accepts ${name}: the same values as the plain file`, (t) => {
    const dir = materialize(`ok ${name}`, { "t.csv": text, "plain.csv": plain });
    const d = dl.data.csv(path.join(dir, "t.csv"), { label: "kind", features: 2 });
    t.deepEqual(values(d), values(dl.data.csv(path.join(dir, "plain.csv"), { label: "kind", features: 2 })));
    t.deepEqual(values(d), [
      [1.5, 2, -3, 0.4000000059604645],
      [1, 0],
    ]);
  });
}

test("csv: a quoted cell may hold the delimiter, a quote and a line break; lines count from the file", (t) => {
  const dir = materialize("quoted", { "t.csv": 'x,note\n1,"a, ""b""\nc"\n2,ok\nthree,ok\n' });
  const error = t.throws(() => dl.data.csv(path.join(dir, "t.csv"), { label: "note" }), { instanceOf: dl.DataError });
  t.is(error!.message, `${dir}/t.csv:5: expected a number in column "x" (column 1), found "three"`);
});

test("images: hidden files are ignored", (t) => {
  const dir = materialize("hidden", { ...goodImages, "photos/.DS_Store": "x", "photos/cat/.DS_Store": "x", "photos/.thumbs/x.png": "x" });
  t.is(dl.data.imageFolder(path.join(dir, "photos"), { channels: 1, size: [2, 2] }).length, 2);
});

test("dl run on bad data: `error: <file>: ...` on stderr, exit 1, no stack trace", (t) => {
  const dir = materialize("cli", { "rows.csv": "a,b,kind\n1,2,x\n3,oops,y\n" });
  const file = path.join(dir, "bad.dl");
  fs.writeFileSync(
    file,
    `model Net() {
  input x: f32[B, 2]
  return x |> dense(2)
}
train bad {
  data rows = csv("rows.csv", features=2, label="kind") |> batch(2)
  model net = Net()
  optimizer opt = sgd(net, lr=0.1)
  epochs 1
  for (x, y) in rows {
    step opt minimize cross_entropy(net(x), y)
  }
}
`,
  );
  const r = spawnSync(process.execPath, [path.join(repoRoot, "cli/dl.mjs"), "run", "bad.dl", "--backend", "wasm", "--out", path.join(dir, "run")], {
    cwd: dir,
    encoding: "utf8",
  });
  t.is(r.status, 1, r.stderr);
  t.is(r.stderr, 'error: rows.csv:3: expected a number in column "b" (column 2), found "oops"\n');
});
