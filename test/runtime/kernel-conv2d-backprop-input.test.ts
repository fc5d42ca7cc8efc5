import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import {
  geometry,
  randomConvCases,
  randomValues,
  relError,
  rng,
  runKernel,
  type ConvCase,
} from "./kernel-test-utils.js";

const TOL = 1e-4;

/** Reference dx (float64) of a regular convolution with filter [KH,KW,C,F]. */
function refBackpropInput(info: tf.backend_util.Conv2DInfo, dy: Float32Array, filter: Float32Array): Float64Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const dx = new Float64Array(N * H * W * C);
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++) {
          const h = oh * sh + kh * dh - pt;
          if (h < 0 || h >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const w = ow * sw + kw * dw - pl;
            if (w < 0 || w >= W) continue;
            for (let c = 0; c < C; c++)
              for (let f = 0; f < F; f++)
                dx[((n * H + h) * W + w) * C + c]! +=
                  dy[((n * OH + oh) * OW + ow) * F + f]! * filter[((kh * KW + kw) * C + c) * F + f]!;
          }
        }
  return dx;
}

async function check(t: import("ava").ExecutionContext, cs: ConvCase[], compareCpu: boolean): Promise<void> {
  const r = rng(7);
  let worst = 0;
  for (const k of cs) {
    const info = geometry(k.xShape, k.filterShape, k.strides, k.dilations, k.pad, k.dimRoundingMode, false);
    const dyShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
    const dy = randomValues(r, dyShape.reduce((a, b) => a * b, 1));
    const filter = randomValues(r, k.filterShape.reduce((a, b) => a * b, 1));
    const attrs: Record<string, unknown> = {
      strides: k.strides,
      pad: k.pad,
      dataFormat: "NHWC",
      dimRoundingMode: k.dimRoundingMode,
      inputShape: k.xShape,
      dilations: k.dilations,
    };
    const inputs = { dy: { shape: dyShape, values: dy }, filter: { shape: k.filterShape, values: filter } };
    const wasm = await runKernel("wasm", "Conv2DBackpropInput", inputs, attrs);
    t.deepEqual(wasm.shape, k.xShape, k.label);
    t.is(wasm.leakedTensors, 0, `tensors leaked: ${k.label}`);
    t.is(wasm.leakedBuffers, 0, `wasm buffers leaked: ${k.label}`);
    const e = relError(wasm.values, refBackpropInput(info, dy, filter));
    worst = Math.max(worst, e);
    t.true(e <= TOL, `vs float64 reference, rel error ${e}: ${k.label}`);
    if (compareCpu) {
      const cpu = await runKernel("cpu", "Conv2DBackpropInput", inputs, attrs);
      const ec = relError(wasm.values, cpu.values);
      worst = Math.max(worst, ec);
      t.true(ec <= TOL, `vs cpu backend, rel error ${ec}: ${k.label}`);
    }
  }
  t.log(`${cs.length} cases, max rel error ${worst.toExponential(2)}`);
}

const cases = (seed: number, count: number, dilated: boolean): ConvCase[] =>
  randomConvCases(seed, count, { dilated, maxSide: 12, maxKernel: 5, maxOut: 4, depthwise: false });

test.serial("Conv2DBackpropInput on wasm matches the cpu backend: strides × paddings", async (t) => {
  await check(t, cases(3, 60, false), true);
});

test.serial("Conv2DBackpropInput on wasm honours dilations (float64 oracle)", async (t) => {
  await check(t, cases(4, 25, true), false);
});

test.serial("Conv2DBackpropInput on wasm: LeNet- and ResNet-sized layers", async (t) => {
  const layer = (xShape: ConvCase["xShape"], filterShape: ConvCase["filterShape"], s: number, pad: unknown, label: string): ConvCase => ({
    xShape,
    filterShape,
    strides: [s, s],
    dilations: [1, 1],
    pad,
    label,
  });
  await check(
    t,
    [
      layer([8, 14, 14, 6], [5, 5, 6, 16], 1, "valid", "lenet conv2"),
      layer([2, 16, 16, 16], [7, 7, 16, 8], 2, [[0, 0], [3, 3], [3, 3], [0, 0]], "stem 7×7/2 pad 3"),
      layer([2, 8, 8, 16], [3, 3, 16, 32], 2, [[0, 0], [1, 1], [1, 1], [0, 0]], "3×3/2 pad 1"),
      layer([2, 8, 8, 16], [1, 1, 16, 32], 2, "valid", "1×1/2 projection"),
      layer([2, 9, 7, 4], [2, 2, 4, 3], 3, "valid", "2×2/3: phases that no tap reaches stay zero"),
      layer([2, 7, 7, 8], [3, 3, 8, 16], 2, "same", "3×3/2 same on an odd side (phases of 4 and 3 rows)"),
      layer([2, 1, 1, 8], [3, 3, 8, 8], 1, [[0, 0], [1, 1], [1, 1], [0, 0]], "1×1 image, 3×3 pad 1"),
      layer([1, 5, 5, 2], [1, 1, 2, 3], 1, [[0, 0], [2, 1], [0, 3], [0, 0]], "pad wider than the kernel"),
    ],
    true,
  );
});
