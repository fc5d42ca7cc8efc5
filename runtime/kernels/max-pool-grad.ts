import * as tf from "@tensorflow/tfjs-core";

/** The part of tfjs-backend-wasm's `BackendWasm` this kernel uses. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/**
 * MaxPoolGrad for the wasm backend, replacing the one tfjs-backend-wasm 4.22
 * ships: that one drops the gradient of every window (but the first) whose
 * maximum is ≤ 0, so any max-pool not preceded by a ReLU (conv → pool → relu,
 * pooling after batch norm or tanh) silently trains on wrong gradients.
 *
 * Routes each dy to the first maximum of its window in row-major order (strict
 * `>` from −∞, exactly the cpu backend's rule, ties and all); windows lying
 * wholly in the padding route nowhere. One pass over wasm's heap.
 */
export function maxPoolGradWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { dy, input } = args.inputs as {
    dy: tf.TensorInfo;
    input: tf.TensorInfo;
  };
  const attrs = (args.attrs ?? {}) as unknown as {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
    dimRoundingMode?: "floor" | "round" | "ceil";
  };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const {
    batchSize: N,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
  } = info;
  const {
    strideHeight: sh,
    strideWidth: sw,
    dilationHeight: dh,
    dilationWidth: dw,
  } = info;
  const { effectiveFilterHeight: KH, effectiveFilterWidth: KW } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const backend = args.backend as unknown as HeapBackend;
  // Allocate first: allocation may grow wasm memory and detach earlier heap views.
  const out = backend.makeOutput(input.shape, "float32");
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  for (let n = 0; n < N; n++) {
    const xBatch = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sh - pt;
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * sw - pl;
        const dyBase = ((n * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let kh = 0; kh < KH; kh += dh) {
            const h = h0 + kh;
            if (h < 0 || h >= H) continue;
            for (let kw = 0; kw < KW; kw += dw) {
              const w = w0 + kw;
              if (w < 0 || w >= W) continue;
              const i = xBatch + (h * W + w) * C + c;
              const v = x[i]!;
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at]! += g[dyBase + c]!;
        }
      }
    }
  }
  return out;
}
