import test from "ava";
import {
  randomPad,
  randomValues,
  relError,
  rng,
  runKernel,
} from "./kernel-test-utils.js";
import * as tf from "@tensorflow/tfjs-core";

/**
 * wasm ships MaxPool and AvgPool itself (the runtime replaces both gradients); our layers train through
 * them, so check them against the cpu backend too. Numeric paddings stay
 * within PyTorch's rule pad ≤ ⌊size/2⌋: with a window lying wholly in the
 * padding (pad ≥ size, or a last window past the input under ceil/round
 * rounding), wasm's MaxPool returns uninitialised memory where cpu returns
 * −Infinity (tfjs 4.22), so the compiler must reject such pools.
 */
test.serial(
  "wasm's own pooling kernels and their gradients agree with the cpu backend",
  async (t) => {
    const r = rng(31);
    let worst = 0;
    let n = 0;
    while (n < 40) {
      const xShape = [r.int(1, 3), r.int(2, 10), r.int(2, 10), r.int(1, 4)];
      const filterSize: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const strides: [number, number] = [r.int(1, 3), r.int(1, 3)];
      const p = randomPad(r);
      if (typeof p.pad === "object") continue; // pooling takes same | valid | number
      if (typeof p.pad === "number") {
        // tfjs sizes numeric pads with the height's filter and stride only: keep them square.
        filterSize[1] = filterSize[0];
        strides[1] = strides[0];
        if (p.pad > Math.floor(filterSize[0] / 2)) continue;
      }
      let info;
      try {
        info = tf.backend_util.computePool2DInfo(
          xShape as [number, number, number, number],
          filterSize,
          strides,
          1,
          p.pad as "same",
          p.dimRoundingMode as "floor" | undefined,
        );
      } catch {
        continue;
      }
      if (info.outHeight <= 0 || info.outWidth <= 0) continue;
      // Like PyTorch's ceil_mode rule, every window must start inside the input
      // (or its left/top padding); see the degenerate-window note above.
      if ((info.outHeight - 1) * strides[0] - info.padInfo.top >= xShape[1]!)
        continue;
      if ((info.outWidth - 1) * strides[1] - info.padInfo.left >= xShape[2]!)
        continue;
      n++;
      // Distinct values so the max is unique and both backends route dy the same way.
      const size = xShape.reduce((a, b) => a * b, 1);
      const perm = Float32Array.from(
        { length: size },
        (_, i) => i / size - 0.5,
      ); // half negative
      for (let i = size - 1; i > 0; i--) {
        const j = r.int(0, i);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const dyShape = [
        info.batchSize,
        info.outHeight,
        info.outWidth,
        info.outChannels,
      ];
      const dy = randomValues(
        r,
        dyShape.reduce((a, b) => a * b, 1),
      );
      const attrs = {
        filterSize,
        strides,
        pad: p.pad,
        dimRoundingMode: p.dimRoundingMode,
      };
      const label = `x=[${xShape}] f=${filterSize} s=${strides} pad=${p.label}`;
      const maxIns = {
        dy: { shape: dyShape, values: dy },
        input: { shape: xShape, values: perm },
        output: { shape: dyShape, values: dy },
      };
      // MaxPoolGrad recomputes the argmax from `input`; `output` is unused by both backends' routing.
      const maxW = await runKernel("wasm", "MaxPoolGrad", maxIns, attrs);
      const maxC = await runKernel("cpu", "MaxPoolGrad", maxIns, attrs);
      const avgIns = {
        dy: { shape: dyShape, values: dy },
        input: { shape: xShape, values: perm },
      };
      const avgW = await runKernel("wasm", "AvgPoolGrad", avgIns, attrs);
      const avgC = await runKernel("cpu", "AvgPoolGrad", avgIns, attrs);
      for (const kernel of ["MaxPool", "AvgPool"]) {
        const ins = { x: { shape: xShape, values: perm } };
        const fw = await runKernel("wasm", kernel, ins, attrs);
        const fc = await runKernel("cpu", kernel, ins, attrs);
        const e = relError(fw.values, fc.values);
        worst = Math.max(worst, e);
        t.true(e <= 1e-4, `${kernel} rel error ${e}: ${label}`);
      }
      const e1 = relError(maxW.values, maxC.values);
      const e2 = relError(avgW.values, avgC.values);
      worst = Math.max(worst, e1, e2);
      t.true(e1 <= 1e-4, `MaxPoolGrad rel error ${e1}: ${label}`);
      t.true(e2 <= 1e-4, `AvgPoolGrad rel error ${e2}: ${label}`);
    }
    t.log(`40 cases, max rel error ${worst.toExponential(2)}`);
  },
);

test.serial(
  "MaxPoolGrad on wasm routes the gradient of windows whose maximum is ≤ 0 (tfjs 4.22's drops it)",
  async (t) => {
    const x = Float32Array.from([0.5, -0.2, -0.3, -0.7, 0, -1e-30]);
    const dy = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const shape = [1, 6, 1, 1];
    const attrs = { filterSize: [1, 1], strides: [1, 1], pad: "valid" };
    const out = await runKernel(
      "wasm",
      "MaxPoolGrad",
      {
        dy: { shape, values: dy },
        input: { shape, values: x },
        output: { shape, values: x },
      },
      attrs,
    );
    t.deepEqual(Array.from(out.values), [1, 2, 3, 4, 5, 6]);
    t.is(out.leakedTensors + out.leakedBuffers, 0);
    // 2×2 windows of negatives: each dy goes to its window's largest element.
    const x2 = Float32Array.from([-4, -1, -6, -8, -3, -2, -5, -7]); // [1,2,4,1]
    const out2 = await runKernel(
      "wasm",
      "MaxPoolGrad",
      {
        dy: { shape: [1, 1, 2, 1], values: Float32Array.from([10, 20]) },
        input: { shape: [1, 2, 4, 1], values: x2 },
        output: { shape: [1, 1, 2, 1], values: Float32Array.from([0, 0]) },
      },
      { filterSize: [2, 2], strides: [2, 2], pad: "valid" },
    );
    t.deepEqual(Array.from(out2.values), [0, 10, 0, 0, 0, 0, 20, 0]);
  },
);
