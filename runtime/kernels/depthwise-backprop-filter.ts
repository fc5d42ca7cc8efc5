import * as tf from "@tensorflow/tfjs-core";
import { composed } from "./kernel-scope.js";
import { correlateForFilterGradient } from "./filter-correlation.js";
import { convGeometry, type Pad } from "./conv-geometry.js";

/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend, which ships none.
 *
 * dW[kh,kw,c,m] = Σ_{n,oh,ow} x[n, oh·s + kh·d − pt, ow·s + kw·d − pl, c] · dy[n,oh,ow,c·M+m].
 * Same trick as Conv2DBackpropFilter, but channels must not mix: fold batch and
 * channel into the depthwise channel axis. x becomes one image [1,H,W,N·C],
 * dy becomes a depthwise filter [OH,OW,N·C,M]; a depthwise convolution with
 * dilation s and stride d gives [1,KH,KW,N·C·M], and summing over N gives dW.
 */
export function depthwiseBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as {
    strides: number | [number, number];
    dilations?: number | [number, number];
    pad: Pad;
    dimRoundingMode?: "floor" | "round" | "ceil";
    filterShape: [number, number, number, number];
  };
  const g = convGeometry(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const [kH, kW, inC, mult] = attrs.filterShape;
  const n = g.batch;
  return composed(args.backend, "wasm", (s) => {
    // x [N,H,W,C] → [H,W,N,C] → one image with N·C channels.
    const xT = s.call("Transpose", { x }, { perm: [1, 2, 0, 3] });
    const image = s.call(
      "Reshape",
      { x: xT },
      { shape: [1, g.inH, g.inW, n * inC] },
    );
    // dy [N,OH,OW,C·M] → [OH,OW,N,C,M] → depthwise filter [OH,OW,N·C,M].
    const dy5 = s.call(
      "Reshape",
      { x: dy },
      { shape: [n, g.outH, g.outW, inC, mult] },
    );
    const dyT = s.call("Transpose", { x: dy5 }, { perm: [1, 2, 0, 3, 4] });
    const filter = s.call(
      "Reshape",
      { x: dyT },
      { shape: [g.outH, g.outW, n * inC, mult] },
    );
    const out = correlateForFilterGradient(s, "DepthwiseConv2dNative", image, filter, g, kH, kW); // [1,KH,KW,N·C·M]
    const perSample = s.call(
      "Reshape",
      { x: out },
      { shape: [kH, kW, n, inC * mult] },
    );
    const summed = s.call(
      "Sum",
      { x: perSample },
      { axis: [2], keepDims: false },
    ); // [KH,KW,C·M]
    return s.call("Reshape", { x: summed }, { shape: [kH, kW, inC, mult] });
  });
}
