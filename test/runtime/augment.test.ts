/**
 * Data augmentations (runtime/data/augment.ts): shapes, that each one changes the data the way it
 * says (a crop is a window of the padded image, a flip its mirror, brightness and contrast
 * factors in range), reproducibility (same seed, same batches; another epoch, other draws; a
 * resumed epoch the same draws) and their inference forms (what `dl predict` applies).
 */
import test from "ava";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { repoRoot } from "../compiler/golden.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const [N, H, W, C] = [32, 6, 5, 2];

/** Images whose every value says where it is: 1 + image·10000 + row·100 + column·2 + channel. */
function images(n = N): dl.data.Dataset {
  const x = new Float32Array(n * H * W * C);
  for (let i = 0; i < n; i++) for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) for (let k = 0; k < C; k++) x[((i * H + r) * W + c) * C + k] = 1 + i * 10000 + r * 100 + c * 2 + k;
  const y = Int32Array.from({ length: n }, (_, i) => i);
  return new dl.data.Dataset(
    [
      { name: "x", storage: x, storedShape: [H, W, C], dtype: "float32", hostScale: 1, transforms: [] },
      { name: "y", storage: y, storedShape: [], dtype: "int32", hostScale: 1, transforms: [] },
    ],
    0,
    n,
    "images",
  );
}

/** The value at (row, column, channel) of image `i`, zero outside (the padding). */
const pixel = (i: number, r: number, c: number, k: number): number => (r >= 0 && r < H && c >= 0 && c < W ? 1 + i * 10000 + r * 100 + c * 2 + k : 0);

/** All batches of an epoch as nested arrays `[x, y]` per batch. */
function epoch(b: dl.data.Batched, e: number, seed: number, start = 0): { x: number[][][][]; y: number[] }[] {
  return [...b.epoch(e, start, seed)].map((t) => {
    const out = { x: t[0]!.arraySync() as number[][][][], y: Array.from(t[1]!.dataSync()) };
    tf.dispose(t);
    return out;
  });
}

test("random_crop: each image is a window of the zero-padded image, at offsets spread over the free range", (t) => {
  const d = images().randomCrop(4, { padding: 2 });
  t.deepEqual(d.shapeOf("x"), [4, 4, C]);
  const offsets = new Set<string>();
  for (const e of [0, 1, 2]) {
    for (const { x, y } of epoch(d.batch(8, { shuffle: true }), e, 7)) {
      x.forEach((img, b) => {
        const i = y[b]!;
        t.deepEqual([img.length, img[0]!.length, img[0]![0]!.length], [4, 4, C]);
        // Recover the offset from the first pixel that is not padding, then check every value.
        const found: [number, number][] = [];
        for (let dy = 0; dy <= H + 4 - 4; dy++) for (let dx = 0; dx <= W + 4 - 4; dx++) {
          if (img.every((row, r) => row.every((px, c) => px.every((v, k) => v === pixel(i, dy + r - 2, dx + c - 2, k))))) found.push([dy, dx]);
        }
        t.is(found.length, 1, `image ${i} is exactly one window of its padded copy`);
        offsets.add(found[0]!.join(","));
      });
    }
  }
  // 3 × 5 free positions of a 4×4 window in a padded 10×9 image would be (10-4+1)·(9-4+1) = 42; 96 draws hit most.
  t.true(offsets.size >= 30, `only ${offsets.size} distinct offsets in 96 draws`);
});

test("random_crop without padding, center_crop, and the inference form (the centre window)", (t) => {
  const crop = images().randomCrop([4, 3]);
  t.deepEqual(crop.shapeOf("x"), [4, 3, C]);
  const [{ x }] = epoch(images().centerCrop([4, 3]).batch(N), 0, 1);
  // torchvision's CenterCrop: offsets round((6 - 4) / 2) = 1 and round((5 - 3) / 2) = 1.
  x.forEach((img, i) => t.deepEqual(img, [0, 1, 2, 3].map((r) => [0, 1, 2].map((c) => [0, 1].map((k) => pixel(i, r + 1, c + 1, k))))));
  const transform = crop.fields[0]!.transforms[0]!;
  t.true(transform.random);
  const batch = tf.tensor(images().fields[0]!.storage as Float32Array, [N, H, W, C]);
  t.deepEqual(transform.inference!(batch).arraySync(), x, "predict takes the centre window");
  // random_crop(32, padding=4) at inference is the identity (the centre of the padded image).
  const same = images().randomCrop([H, W], { padding: 4 }).fields[0]!.transforms[0]!;
  t.deepEqual(same.inference!(batch).arraySync(), batch.arraySync());
  t.throws(() => epoch(images().randomCrop(7).batch(N), 0, 1), { message: /a 7×7 window does not fit images of 6×5/ });
  tf.dispose(batch);
});

test("random_flip: each image is itself or its mirror, both occur, about half flipped; vertical as an option", (t) => {
  const count = (d: dl.data.Dataset, mirror: (i: number, r: number, c: number, k: number) => number): [number, number] => {
    let flipped = 0;
    let kept = 0;
    for (const e of [0, 1, 2, 3]) {
      for (const { x, y } of epoch(d.batch(16, { shuffle: true }), e, 3)) {
        x.forEach((img, b) => {
          const i = y[b]!;
          const is = (f: (r: number, c: number, k: number) => number): boolean => img.every((row, r) => row.every((px, c) => px.every((v, k) => v === f(r, c, k))));
          if (is((r, c, k) => pixel(i, r, c, k))) kept++;
          else if (is((r, c, k) => mirror(i, r, c, k))) flipped++;
          else t.fail(`image ${i} is neither itself nor its mirror`);
        });
      }
    }
    return [kept, flipped];
  };
  const [kept, flipped] = count(images().randomFlip(), (i, r, c, k) => pixel(i, r, W - 1 - c, k));
  t.is(kept + flipped, 4 * N);
  t.true(flipped > 0.3 * 4 * N && flipped < 0.7 * 4 * N, `${flipped} of ${4 * N} flipped`);
  const [keptV, flippedV] = count(images().randomFlip({ horizontal: false, vertical: true }), (i, r, c, k) => pixel(i, H - 1 - r, c, k));
  t.true(keptV > 0 && flippedV > 0);
  const [never, none] = count(images().randomFlip({ p: 0 }), (i, r, c, k) => pixel(i, r, W - 1 - c, k));
  t.deepEqual([never, none], [4 * N, 0]);
  t.deepEqual(images().randomFlip().shapeOf("x"), [H, W, C]);
});

test("random_brightness and random_contrast: one factor per image, within [1 − delta, 1 + delta]; contrast keeps the mean", (t) => {
  const [{ x: bright, y }] = epoch(images().randomBrightness(0.2).batch(N), 0, 5);
  const factorsB = bright.map((img, b) => {
    const i = y[b]!;
    const f = img[0]![0]![0]! / pixel(i, 0, 0, 0);
    img.forEach((row, r) => row.forEach((px, c) => px.forEach((v, k) => t.true(Math.abs(v - f * pixel(i, r, c, k)) <= 1e-6 * Math.abs(v) + 1e-3))));
    return f;
  });
  t.true(factorsB.every((f) => f >= 0.8 - 1e-6 && f <= 1.2 + 1e-6));
  t.true(new Set(factorsB.map((f) => f.toFixed(5))).size > N / 2, "factors differ between images");
  const [{ x: contrast }] = epoch(images().randomContrast(0.5).batch(N), 0, 5);
  contrast.forEach((img, i) => {
    const flat = img.flat(2);
    const orig = [...Array(H * W * C).keys()].map((j) => pixel(i, Math.floor(j / (W * C)), Math.floor(j / C) % W, j % C));
    const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const m = meanOf(orig);
    t.true(Math.abs(meanOf(flat) - m) <= 1e-4 * m, "the mean stays");
    const f = (flat[0]! - m) / (orig[0]! - m);
    t.true(f >= 0.5 - 1e-4 && f <= 1.5 + 1e-4, `factor ${f}`);
    flat.forEach((v, j) => t.true(Math.abs(v - (m + f * (orig[j]! - m))) <= 1e-5 * m, `value ${j} of image ${i}`));
  });
});

test("reproducible: same seed same batches, another epoch or seed other draws, a resumed epoch the same draws", (t) => {
  const d = images().randomCrop(4, { padding: 2 }).randomFlip().randomBrightness(0.1).noise(0.5).batch(8, { shuffle: true });
  t.deepEqual(epoch(d, 0, 11), epoch(d, 0, 11));
  t.notDeepEqual(epoch(d, 0, 11), epoch(d, 1, 11));
  t.notDeepEqual(epoch(d, 0, 11), epoch(d, 0, 12));
  t.deepEqual(epoch(d, 2, 11, 2), epoch(d, 2, 11).slice(2), "resuming at batch 2 draws what batch 2 drew");
  // Two random ops of one kind draw independently (their streams are keyed by position).
  const twice = images().randomFlip().randomFlip().batch(N);
  const [{ x }] = epoch(twice, 0, 1);
  const [{ x: once }] = epoch(images().randomFlip().batch(N), 0, 1);
  t.notDeepEqual(x, once);
});

test("the random transforms are marked, and their inference forms leave the images alone", (t) => {
  const d = images().pad(1).randomFlip().noise(0.1).randomBrightness(0.3).randomContrast(0.3);
  const ts = d.fields[0]!.transforms;
  t.deepEqual(ts.map((x) => x.random === true), [false, true, true, true, true]);
  const batch = tf.ones([2, H + 2, W + 2, C]);
  for (const x of ts.slice(1)) t.deepEqual(x.inference!(batch).arraySync(), batch.arraySync());
  tf.dispose(batch);
});

test("a convnet trains on randomly cropped and brightened digits: the loss falls, and the run is reproducible", async (t) => {
  const source = `model Net() {
  input x: f32[B, 24, 24, 1]
  return x |> conv2d(8, kernel=3) |> relu |> maxpool(2) |> flatten |> dense(10)
}
train aug {
  seed 2
  data train = mnist(split="train") |> take(2048) |> random_crop(24, padding=1) |> random_brightness(0.2) |> batch(64, shuffle=true)
  data test = mnist(split="test") |> take(500) |> center_crop(24) |> batch(500)
  model net = Net()
  optimizer opt = adam(net, lr=3e-3)
  epochs 3
  for (x, y) in train {
    step opt minimize cross_entropy(net(x), y)
  }
  evaluate (x, y) in test {
    metric accuracy = accuracy(net(x), y)
  }
}
`;
  const dir = join(repoRoot, ".cache", "test-augment");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "aug.dl");
  writeFileSync(file, source);
  const emitted = await new DocumentPipeline().emitted(file);
  t.deepEqual(emitted.diagnostics.map((d) => d.message), []);
  const module = join(dir, `aug-${process.pid}.ts`);
  writeFileSync(module, emitted.code!);
  const programs = (await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>;
  const run = () => dl.run(programs.aug!(), { quiet: true, trace: true, outDir: join(dir, `run-${Math.random().toString(36).slice(2)}`) });
  const a = await run();
  const losses = a.trace.map((r) => r.value);
  const mean = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
  const first = mean(losses.slice(0, 8));
  const last = mean(losses.slice(-8));
  t.log(`loss ${first.toFixed(3)} over the first 8 steps, ${last.toFixed(3)} over the last 8; test accuracy ${a.history.at(-1)!.test_accuracy}`);
  t.true(last < 0.6 * first, `the loss falls: ${first} -> ${last}`);
  t.true((a.history.at(-1)!.test_accuracy as number) > 0.6, "well above chance (0.1)");
  const b = await run();
  t.deepEqual(b.trace.map((r) => r.value), losses, "the same seed trains the same way");
});

test("dl predict's input takes a pipeline's deterministic maps and the inference form of its augmentations", (t) => {
  const dir = join(repoRoot, ".cache", "test-augment");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `predict-${process.pid}.idx`);
  const pixels = Uint8Array.from({ length: 2 * H * W }, (_, j) => (j * 7) % 256);
  const head = Buffer.alloc(16);
  head[2] = 0x08;
  head[3] = 3;
  [2, H, W].forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  writeFileSync(file, Buffer.concat([head, pixels]));
  const like = new dl.data.Dataset([{ name: "x", storage: new Float32Array(H * W), storedShape: [H, W, 1], dtype: "float32", hostScale: 1, transforms: [] }], 0, 1, "like")
    .pad(1)
    .randomCrop([H, W], { padding: 1 })
    .randomFlip()
    .randomBrightness(0.5);
  const input = dl.predict.readPredictInput(file, like.fields[0]!);
  const [x] = input.data.batch(2).epoch(0, 0, 9).next().value as tf.Tensor[];
  // pad(1) then the centre 6×5 window of the image padded again by 1: the image itself, unflipped, unscaled.
  const want = Array.from(pixels, (v) => v / 255);
  t.deepEqual([...x!.dataSync()].map((v) => Math.round(v * 255)), want.map((v) => Math.round(v * 255)));
  tf.dispose(x!);
});
