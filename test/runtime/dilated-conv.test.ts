/**
 * Dilated convolutions through spaceToBatchND / batchToSpaceND (runtime/nn/conv2d.ts's
 * dilatedConv), which tfjs can differentiate, unlike its conv2d / depthwiseConv2d with
 * dilation > 1. Random shapes, paddings (same, valid, explicit) and strides on cpu and wasm:
 * the forward pass against tfjs's own dilated convolution, dx and dW against float64
 * references, and no tensor or buffer left behind.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import {
  geometry,
  initBackends,
  randomValues,
  refBackpropFilter,
  refDepthwiseBackpropInput,
  relError,
  rng,
} from "./kernel-test-utils.js";

type Pad = dl.layers.Padding2D;

/** Reference dx (float64) of a dense convolution with filter [KH, KW, C, F]. */
function refBackpropInput(info: tf.backend_util.Conv2DInfo, dy: Float32Array, filter: Float32Array): Float64Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
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

interface Case {
  label: string;
  xShape: [number, number, number, number];
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  padding: Pad;
  filters: number; // depthwise: the multiplier
  depthwise: boolean;
}

function randomCase(seed: number, depthwise: boolean): Case {
  const r = rng(seed);
  const kernel: [number, number] = [r.int(1, 3), r.int(2, 3)];
  const dilation: [number, number] = [r.int(1, 3), r.int(2, 4)];
  // Mostly stride 1 (what dilated blocks use); some strided cases (dense then subsampled).
  const stride: [number, number] = r.int(0, 3) === 0 ? [r.int(1, 2), 2] : [1, 1];
  const kind = r.pick(["same", "valid", "explicit"]);
  const padding: Pad =
    kind === "explicit" ? [[r.int(0, 3), r.int(0, 3)], [r.int(0, 3), r.int(0, 3)]] : (kind as "same" | "valid");
  // Leave room for the dilated window in "valid" mode.
  const h = (kernel[0] - 1) * dilation[0] + r.int(1, 6);
  const w = (kernel[1] - 1) * dilation[1] + r.int(1, 6);
  const xShape: [number, number, number, number] = [r.int(1, 2), h, w, r.int(1, 3)];
  const filters = r.int(1, 3);
  const label = `${depthwise ? "depthwise" : "conv2d"} x=${xShape} k=${kernel} s=${stride} d=${dilation} pad=${JSON.stringify(padding)} f=${filters}`;
  return { label, xShape, kernel, stride, dilation, padding, filters, depthwise };
}

/** Runs one case on `backend`: errors of y against tfjs's dilated conv, dx and dW against float64, leaks. */
async function runCase(backend: "cpu" | "wasm", c: Case, seed: number) {
  await initBackends();
  await tf.setBackend(backend);
  const r = rng(seed * 7919 + 1);
  const [N, , , C] = c.xShape;
  const layer = c.depthwise
    ? new dl.layers.DepthwiseConv2D(null, "dw", { inChannels: C, kernel: c.kernel, stride: c.stride, padding: c.padding, dilation: c.dilation, multiplier: c.filters, bias: false })
    : new dl.layers.Conv2D(null, "cv", { inChannels: C, filters: c.filters, kernel: c.kernel, stride: c.stride, padding: c.padding, dilation: c.dilation, bias: false });
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const kVals = randomValues(r, layer.kernel.size);
  tf.tidy(() => layer.kernel.assign(tf.tensor(kVals, layer.kernel.shape)));
  const xVals = randomValues(r, c.xShape.reduce((a, b) => a * b, 1));
  const x = tf.variable(tf.tensor4d(xVals, c.xShape), true, `x${seed}${backend}`);
  const [[t, b], [l, rr]] = dl.layers.explicitPadding(c.padding, c.xShape, c.kernel, c.stride, c.dilation);
  const tfPad = [[0, 0], [t, b], [l, rr], [0, 0]] as tf.backend_util.ExplicitPadding;
  const info = geometry(c.xShape, layer.kernel.shape, [1, 1], c.dilation, tfPad, undefined, c.depthwise);
  const F = c.depthwise ? C * c.filters : c.filters;
  const dyVals = randomValues(r, N * info.outHeight * info.outWidth * F);

  const { y, ref, dx, dW } = tf.tidy(() => {
    // tfjs's own dilated forward at stride 1 (explicit padding), subsampled like the layer.
    const dense = c.depthwise
      ? tf.depthwiseConv2d(x, layer.kernel as tf.Tensor4D, 1, tfPad, "NHWC", c.dilation)
      : tf.conv2d(x, layer.kernel as tf.Tensor4D, 1, tfPad, "NHWC", c.dilation);
    const [n, h, w, ch] = dense.shape;
    const ref = tf.stridedSlice(dense, [0, 0, 0, 0], [n, h, w, ch], [1, c.stride[0], c.stride[1], 1]);
    const y = layer.apply(x);
    // Loss Σ y·u where u is dy at the subsampled positions and 0 elsewhere, so that
    // dense-geometry references apply: dL/d(dense) = scatter of u.
    const dyDense = tf.tensor4d(dyVals, [n, h, w, ch]);
    const u = tf.stridedSlice(dyDense, [0, 0, 0, 0], [n, h, w, ch], [1, c.stride[0], c.stride[1], 1]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), u)) as tf.Scalar, [x, layer.kernel]);
    return { y, ref, dx: grads[x.name]!, dW: grads[layer.kernel.name]! };
  });
  // The dense-geometry dy: u placed at the subsampled positions, zeros elsewhere.
  const dyMasked = new Float32Array(dyVals.length);
  for (let n = 0; n < N; n++)
    for (let i = 0; i < info.outHeight; i += c.stride[0])
      for (let j = 0; j < info.outWidth; j += c.stride[1])
        for (let f = 0; f < F; f++) {
          const idx = ((n * info.outHeight + i) * info.outWidth + j) * F + f;
          dyMasked[idx] = dyVals[idx]!;
        }
  const refDx = c.depthwise ? refDepthwiseBackpropInput(info, dyMasked, kVals, c.filters) : refBackpropInput(info, dyMasked, kVals);
  const refDW = refBackpropFilter(info, xVals, dyMasked, c.depthwise ? c.filters : 0);
  const out = {
    shapeOk: JSON.stringify(y.shape) === JSON.stringify(ref.shape),
    fwd: relError(y.dataSync(), ref.dataSync()),
    dx: relError(dx.dataSync(), refDx),
    dW: relError(dW.dataSync(), refDW),
  };
  tf.dispose([y, ref, dx, dW, x]);
  layer.dispose();
  return {
    ...out,
    leakedTensors: tf.memory().numTensors - tensorsBefore,
    leakedBuffers: tf.engine().backend.numDataIds() - buffersBefore,
  };
}

test.serial("wasm has SpaceToBatchND and BatchToSpaceND kernels", async (t) => {
  await initBackends();
  t.truthy(tf.getKernel("SpaceToBatchND", "wasm"));
  t.truthy(tf.getKernel("BatchToSpaceND", "wasm"));
  t.truthy(tf.getGradient("SpaceToBatchND"));
  t.truthy(tf.getGradient("BatchToSpaceND"));
});

for (const backend of ["cpu", "wasm"] as const) {
  test.serial(`${backend}: dilated conv2d and depthwise: forward, dx, dW on random cases`, async (t) => {
    let worst = { fwd: 0, dx: 0, dW: 0 };
    for (let seed = 1; seed <= 24; seed++) {
      const c = randomCase(seed, seed % 4 === 0);
      const e = await runCase(backend, c, seed);
      t.true(e.shapeOk, c.label);
      t.true(e.fwd <= 1e-4, `${c.label} forward rel err ${e.fwd}`);
      t.true(e.dx <= 1e-4, `${c.label} dx rel err ${e.dx}`);
      t.true(e.dW <= 1e-4, `${c.label} dW rel err ${e.dW}`);
      t.is(e.leakedTensors, 0, `${c.label} leaked tensors`);
      t.is(e.leakedBuffers, 0, `${c.label} leaked buffers`);
      worst = { fwd: Math.max(worst.fwd, e.fwd), dx: Math.max(worst.dx, e.dx), dW: Math.max(worst.dW, e.dW) };
    }
    t.log(`${backend} max rel err: forward ${worst.fwd.toExponential(2)}, dx ${worst.dx.toExponential(2)}, dW ${worst.dW.toExponential(2)}`);
  });
}
