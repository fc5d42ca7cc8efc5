import * as tf from "@tensorflow/tfjs-core";

/** The part of tfjs-backend-wasm's `BackendWasm` this kernel uses. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/**
 * AvgPoolGrad for the wasm backend, replacing tfjs-backend-wasm 4.22's (6–13% of a LeNet-5
 * step for two 2×2 poolings). One pass over dy in wasm's heap: each dy[n,oh,ow,c] / (KH·KW)
 * is added to the window it averaged (padding counts in the divisor, as on every tfjs
 * backend; positions in the padding receive nothing). Channels are innermost, so each window
 * position updates one contiguous run of C values.
 */
export function avgPoolGradWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
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
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: KH, filterWidth: KW } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const scale = 1 / (KH * KW);
  const backend = args.backend as unknown as HeapBackend;
  // Allocate first: allocation may grow wasm memory and detach earlier heap views.
  const out = backend.makeOutput(input.shape, "float32");
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const g = backend.typedArrayFromHeap(dy);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sh - pt;
      const hLo = Math.max(h0, 0);
      const hHi = Math.min(h0 + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * sw - pl;
        const wLo = Math.max(w0, 0);
        const wHi = Math.min(w0 + KW, W);
        const src = ((n * OH + oh) * OW + ow) * C;
        for (let h = hLo; h < hHi; h++) {
          for (let w = wLo; w < wHi; w++) {
            const dst = ((n * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) dx[dst + c]! += g[src + c]! * scale;
          }
        }
      }
    }
  }
  return out;
}
