/**
 * `dl predict` on each input kind (image folder, flat PNG folder, single PNG, IDX, CSV), CSV and
 * JSON lines output, and shape errors that name the file. The runs it predicts with are trained
 * here by `dl run` on tiny data (12 images of 8×8, 30 table rows): seconds.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PNG } from "pngjs";
import { main } from "../../cli/main.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-predict-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (...p: string[]): string => path.join(tmp, ...p);

/** Image `i` of class `k`: a bright horizontal bar at row 2k+1 over faint noise. */
function pixels(k: number, i: number, size = 8): Uint8Array {
  const px = new Uint8Array(size * size);
  for (let p = 0; p < px.length; p++) px[p] = ((p * 37 + i * 11) % 50) + (Math.floor(p / size) === 2 * k + 1 ? 200 : 0);
  return px;
}

function writePng(file: string, px: Uint8Array, size = 8): void {
  const png = new PNG({ width: size, height: size });
  for (let p = 0; p < size * size; p++) png.data.set([px[p]!, px[p]!, px[p]!, 255], 4 * p);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(png));
}

function writeIdx(file: string, dims: number[], body: Uint8Array): void {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.set([0, 0, 8, dims.length]);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  fs.writeFileSync(file, Buffer.concat([head, body]));
}

/** Runs the CLI in this process with console output captured (tests here run serially). */
async function dl(...args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const { error, log } = console;
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  console.log = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    return { code: await main(args), err: err.join("\n") };
  } finally {
    Object.assign(console, { error, log });
  }
}

const csvRows = (file: string): string[][] => fs.readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(","));

const images: [number, number][] = [];
for (let k = 0; k < 3; k++) for (let i = 0; i < 4; i++) images.push([k, i]);

test.before(async () => {
  for (const [k, i] of images) {
    writePng(at("classes", `c${k}`, `img${i}.png`), pixels(k, i));
    writePng(at("flat", `c${k}-img${i}.png`), pixels(k, i));
  }
  writePng(at("big.png"), pixels(0, 0, 10), 10);
  writeIdx(at("images-idx3-ubyte"), [12, 8, 8], Uint8Array.from(images.flatMap(([k, i]) => [...pixels(k, i)])));
  writeIdx(at("labels-idx1-ubyte"), [12], Uint8Array.from(images.map(([k]) => k)));
  writeIdx(at("wrong-idx3-ubyte"), [2, 10, 10], new Uint8Array(200));
  const rows = Array.from({ length: 30 }, (_, r) => {
    const k = r % 3;
    return [k === 0 ? 1 : 0, k === 1 ? 1 : 0, k === 2 ? 1 : 0, (r % 7) / 7, ["a", "b", "c"][k]].join(",");
  });
  fs.writeFileSync(at("table.csv"), ["f1,f2,f3,f4,kind", ...rows].join("\n") + "\n");
  fs.writeFileSync(at("narrow.csv"), "f1,f2\n1,2\n");
  fs.writeFileSync(
    at("prog.dl"),
    `model Pixels() {
  input x: f32[B, 10, 10, 1]
  return x |> flatten |> dense(3)
}

model Table() {
  input x: f32[B, 4]
  return x |> dense(8) |> relu |> dense(3)
}

train images {
  data train = image_folder(${JSON.stringify(at("classes"))}, height=8, width=8, channels=1) |> pad(1) |> batch(4, shuffle=true)
  model net = Pixels()
  optimizer opt = adam(net, lr=3e-2)
  epochs 8
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
  checkpoint every 1 epoch
}

train table {
  data rows = csv(${JSON.stringify(at("table.csv"))}, features=4, label="kind") |> batch(10, shuffle=true)
  model clf = Table()
  optimizer opt = adam(clf, lr=3e-2)
  epochs 10
  for (x, y) in rows {
    step opt minimize cross_entropy(clf(x), y)
  }
  evaluate (x, y) in rows {
    metric accuracy = accuracy(clf(x), y)
  }
  checkpoint every 1 epoch
  checkpoint best max accuracy
}
`,
  );
  for (const train of ["images", "table"]) {
    const r = await dl("run", at("prog.dl"), "--train", train, "--out", at("runs", train), "--backend", "wasm", "--quiet");
    if (r.code !== 0) throw new Error(r.err);
  }
});

const predict = (input: string, out: string, ...more: string[]) =>
  dl("predict", at("prog.dl"), "--train", "images", "--run", at("runs", "images"), "--input", input, "-o", at(out), "--backend", "wasm", "--quiet", ...more);

test.serial("an image folder: one CSV row per image with its label, the predicted class and probabilities summing to 1", async (t) => {
  const r = await predict(at("classes"), "classes.csv");
  t.is(r.code, 0, r.err);
  const [header, ...rows] = csvRows(at("classes.csv"));
  t.deepEqual(header, ["index", "source", "label", "predicted", "p0", "p1", "p2"]);
  t.is(rows.length, 12);
  t.deepEqual(rows.map((row) => Number(row[2])), images.map(([k]) => k));
  for (const row of rows) {
    const p = row.slice(4).map(Number);
    t.true(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    t.is(Number(row[3]), p.indexOf(Math.max(...p)));
  }
  // 8 epochs on three bars: the model has learnt them.
  t.true(rows.filter((row) => row[2] === row[3]).length >= 10, rows.map((row) => `${row[2]}->${row[3]}`).join(" "));
});

test.serial("a flat PNG folder, one PNG and an IDX file give the same probabilities for the same images", async (t) => {
  t.is((await predict(at("classes"), "classes.csv")).code, 0);
  t.is((await predict(at("flat"), "flat.csv")).code, 0);
  t.is((await predict(at("images-idx3-ubyte"), "idx.csv", "--labels", at("labels-idx1-ubyte"))).code, 0);
  t.is((await predict(at("classes", "c2", "img3.png"), "one.csv")).code, 0);
  const probs = (file: string, withLabel: boolean) => csvRows(at(file)).slice(1).map((row) => row.slice(withLabel ? 4 : 3).join(","));
  const reference = probs("classes.csv", true);
  t.deepEqual(probs("flat.csv", false), reference);
  t.deepEqual(probs("idx.csv", true), reference);
  t.deepEqual(probs("one.csv", false), [reference[11]]);
  t.deepEqual(csvRows(at("one.csv"))[1]!.slice(0, 2), ["0", at("classes", "c2", "img3.png")]);
});

test.serial("--format jsonl writes one JSON object per example", async (t) => {
  t.is((await predict(at("flat"), "flat.jsonl", "--format", "jsonl")).code, 0);
  const lines = fs.readFileSync(at("flat.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { index: number; source: string; predicted: number; probabilities: number[] });
  t.is(lines.length, 12);
  t.like(lines[4], { index: 4, source: at("flat", "c1-img0.png") });
  t.is(lines[4]!.probabilities.length, 3);
});

test.serial("a CSV input with a label column, with the best checkpoint of the run", async (t) => {
  const r = await dl("predict", at("prog.dl"), "--train", "table", "--run", at("runs", "table"), "--input", at("table.csv"), "--label", "kind", "-o", at("table-out.csv"), "--backend", "wasm");
  t.is(r.code, 0, r.err);
  t.regex(r.err, /checkpoints\/best\/models\/clf/);
  t.regex(r.err, /accuracy 100\.00% \(30\/30\)/);
  const [header, first] = csvRows(at("table-out.csv"));
  t.deepEqual(header, ["index", "source", "label", "predicted", "p0", "p1", "p2"]);
  t.deepEqual(first!.slice(0, 4), ["0", `${at("table.csv")}#1`, "0", "0"]);
});

test.serial("inputs of the wrong shape are errors naming the file and the expected shape", async (t) => {
  const png = await predict(at("big.png"), "x.csv");
  t.is(png.code, 1);
  t.is(png.err, `dl predict: ${at("big.png")}: expected an image of [8, 8] pixels (what the model was trained on), found [10, 10]`);
  const idx = await predict(at("wrong-idx3-ubyte"), "x.csv");
  t.is(idx.code, 1);
  t.regex(idx.err, new RegExp(`^dl predict: ${at("wrong-idx3-ubyte")}: expected .*\\[N, 8, 8, 1\\].*found \\[2, 10, 10, 1\\]`));
  const table = await dl("predict", at("prog.dl"), "--train", "table", "--run", at("runs", "table"), "--input", at("narrow.csv"), "--backend", "wasm");
  t.is(table.code, 1);
  t.regex(table.err, new RegExp(`^dl predict: ${at("narrow.csv")}: expected .*4`));
  const csvForImages = await predict(at("table.csv"), "x.csv");
  t.regex(csvForImages.err, /expected examples of shape \[8, 8, 1\].*found a CSV table/);
  const missing = await dl("predict", at("prog.dl"), "--train", "images", "--run", at("runs", "nothing"), "--input", at("flat"));
  t.is(missing.err, `dl predict: ${at("runs", "nothing")}: expected a run folder written by dl run, found no such folder`);
});
