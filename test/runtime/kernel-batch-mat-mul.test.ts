import test from "ava";
import { randomValues, relError, rng, runKernel } from "./kernel-test-utils.js";

/** Reference a·b (float64) with optional transposes, batch dimensions broadcast. */
function refMatMul(a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], ta: boolean, tb: boolean) {
  const [ba, ra, ca] = aShape as [number, number, number];
  const [bb, rb, cb] = bShape as [number, number, number];
  const m = ta ? ca : ra;
  const k = ta ? ra : ca;
  const n = tb ? rb : cb;
  const batch = Math.max(ba, bb);
  const out = new Float64Array(batch * m * n);
  for (let p = 0; p < batch; p++) {
    const ao = (ba === 1 ? 0 : p) * ra * ca;
    const bo = (bb === 1 ? 0 : p) * rb * cb;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let q = 0; q < k; q++) {
          const av = ta ? a[ao + q * ca + i]! : a[ao + i * ca + q]!;
          const bv = tb ? b[bo + j * cb + q]! : b[bo + q * cb + j]!;
          acc += av * bv;
        }
        out[(p * m + i) * n + j] = acc;
      }
  }
  return out;
}

test.serial("BatchMatMul on wasm matches the cpu backend and float64 for every transpose", async (t) => {
  const r = rng(5);
  let worst = 0;
  for (let c = 0; c < 40; c++) {
    const ta = r.int(0, 1) === 1;
    const tb = r.int(0, 1) === 1;
    const batch = r.pick([1, 1, 2, 3]);
    const bBatch = r.pick([1, batch]);
    const [m, k, n] = [r.int(1, 9), r.int(1, 9), r.int(1, 9)];
    const aShape = [batch, ta ? k : m, ta ? m : k];
    const bShape = [bBatch, tb ? n : k, tb ? k : n];
    const a = randomValues(r, aShape.reduce((x, y) => x * y, 1));
    const b = randomValues(r, bShape.reduce((x, y) => x * y, 1));
    const inputs = { a: { shape: aShape, values: a }, b: { shape: bShape, values: b } };
    const attrs = { transposeA: ta, transposeB: tb };
    const label = `a=[${aShape}] b=[${bShape}] ta=${ta} tb=${tb}`;
    const wasm = await runKernel("wasm", "BatchMatMul", inputs, attrs);
    const cpu = await runKernel("cpu", "BatchMatMul", inputs, attrs);
    t.deepEqual(wasm.shape, cpu.shape, label);
    t.is(wasm.leakedTensors, 0, label);
    t.is(wasm.leakedBuffers, 0, label);
    const e = Math.max(relError(wasm.values, cpu.values), relError(wasm.values, refMatMul(a, aShape, b, bShape, ta, tb)));
    worst = Math.max(worst, e);
    t.true(e <= 1e-5, `rel error ${e}: ${label}`);
  }
  t.log(`40 cases, max rel error ${worst.toExponential(2)}`);
});

test.serial("BatchMatMul on wasm: rank-2 dense-layer gradients (LeNet fc1)", async (t) => {
  const r = rng(6);
  const x = randomValues(r, 64 * 400);
  const dy = randomValues(r, 64 * 120);
  const w = randomValues(r, 400 * 120);
  for (const [inputs, attrs] of [
    [{ a: { shape: [64, 400], values: x }, b: { shape: [64, 120], values: dy } }, { transposeA: true, transposeB: false }],
    [{ a: { shape: [64, 120], values: dy }, b: { shape: [400, 120], values: w } }, { transposeA: false, transposeB: true }],
  ] as const) {
    const wasm = await runKernel("wasm", "BatchMatMul", inputs as never, attrs);
    const cpu = await runKernel("cpu", "BatchMatMul", inputs as never, attrs);
    t.deepEqual(wasm.shape, cpu.shape);
    t.true(relError(wasm.values, cpu.values) <= 1e-5);
    t.is(wasm.leakedBuffers, 0);
  }
});
