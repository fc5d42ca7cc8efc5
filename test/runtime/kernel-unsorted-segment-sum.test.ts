import test from "ava";
import { randomValues, relError, rng, runKernel } from "./kernel-test-utils.js";

test.serial(
  "UnsortedSegmentSum on wasm matches the cpu backend (float32, int32, out-of-range ids)",
  async (t) => {
    const r = rng(21);
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      // tfjs's op takes 1-D ids (the cpu kernel broadcasts higher-rank ids differently from TF).
      const idShape = [r.int(1, 12)];
      const inner = Array.from({ length: r.int(0, 2) }, () => r.int(1, 4));
      const xShape = [...idShape, ...inner];
      const numSegments = r.int(1, 8);
      const size = xShape.reduce((a, b) => a * b, 1);
      const dtype = r.pick(["float32", "int32"] as const);
      const values =
        dtype === "float32"
          ? randomValues(r, size)
          : Int32Array.from({ length: size }, () => r.int(-50, 50));
      // Some ids fall outside [0, numSegments): both backends drop them.
      const ids = Int32Array.from(
        { length: idShape.reduce((a, b) => a * b, 1) },
        () => r.int(-1, numSegments),
      );
      const inputs = {
        x: { shape: xShape, values, dtype },
        segmentIds: { shape: idShape, values: ids, dtype: "int32" as const },
      };
      const label = `x=[${xShape}] ${dtype} ids=[${idShape}] segments=${numSegments}`;
      const wasm = await runKernel("wasm", "UnsortedSegmentSum", inputs, {
        numSegments,
      });
      const cpu = await runKernel("cpu", "UnsortedSegmentSum", inputs, {
        numSegments,
      });
      t.deepEqual(wasm.shape, cpu.shape, label);
      // Ours keeps x's dtype (as TensorFlow does); the cpu kernel returns float32 for int32 x.
      t.is(
        wasm.values.constructor,
        dtype === "float32" ? Float32Array : Int32Array,
        `dtype: ${label}`,
      );
      t.is(wasm.leakedTensors + wasm.leakedBuffers, 0, `leak: ${label}`);
      const e = relError(wasm.values, cpu.values);
      worst = Math.max(worst, e);
      t.true(e <= 1e-5, `rel error ${e}: ${label}`);
    }
    t.log(`60 cases, max rel error ${worst.toExponential(2)}`);
  },
);

test.serial(
  "UnsortedSegmentSum on wasm sums over every id axis for rank-2 ids (TensorFlow's semantics)",
  async (t) => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // [2, 3, 2]
    const ids = Int32Array.from([0, 2, 0, 1, 5, 2]); // [2, 3]; 5 is out of range
    const out = await runKernel(
      "wasm",
      "UnsortedSegmentSum",
      {
        x: { shape: [2, 3, 2], values: x },
        segmentIds: { shape: [2, 3], values: ids, dtype: "int32" },
      },
      { numSegments: 3 },
    );
    t.deepEqual(out.shape, [3, 2]);
    // segment 0: rows (0,0) and (0,2) → [1+5, 2+6]; 1: row (1,0) → [7, 8]; 2: rows (0,1) and (1,2) → [3+11, 4+12]
    t.deepEqual(Array.from(out.values), [6, 8, 7, 8, 14, 16]);
    t.is(out.leakedTensors + out.leakedBuffers, 0);
  },
);
