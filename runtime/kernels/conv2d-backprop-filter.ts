import * as tf from "@tensorflow/tfjs-core";
import { composed } from "./kernel-scope.js";
import { correlateForFilterGradient } from "./filter-correlation.js";
import { assertChannelsLast, convGeometry, type Pad } from "./conv-geometry.js";

/**
 * Conv2DBackpropFilter for the wasm backend, which ships none (tfjs 4.22).
 *
 * dW[kh,kw,c,f] = Σ_{n,oh,ow} x[n, oh·s + kh·d − pt, ow·s + kw·d − pl, c] · dy[n,oh,ow,f]
 * is itself a convolution: take x as an image of batch C, size H×W and N
 * channels ([C,H,W,N]), and dy as a filter of size OH×OW mapping N channels to F
 * ([OH,OW,N,F]); the forward stride s becomes the dilation and the forward
 * dilation d becomes the stride. The result [C,KH,KW,F] is transposed to
 * [KH,KW,C,F]. This runs on wasm's XNNPACK convolution, ~two orders of
 * magnitude faster than the JS CPU backend's loops.
 *
 * tfjs only ever asks for dilation 1 (its conv2d gradient rejects dilated
 * convolutions), but a `dilations` attribute, when present, is honoured.
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: "floor" | "round" | "ceil";
    filterShape: [number, number, number, number];
    dilations?: number | [number, number];
  };
  assertChannelsLast("Conv2DBackpropFilter", attrs.dataFormat);
  const g = convGeometry(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
  );
  const [, , , outC] = attrs.filterShape;
  if (
    dy.shape[1] !== g.outH ||
    dy.shape[2] !== g.outW ||
    dy.shape[3] !== outC
  ) {
    throw new Error(
      `Conv2DBackpropFilter: dy shape [${dy.shape}] does not match the forward output ` +
        `[${g.batch},${g.outH},${g.outW},${outC}]`,
    );
  }
  return composed(args.backend, "wasm", (s) => {
    const image = s.call("Transpose", { x }, { perm: [3, 1, 2, 0] }); // [C,H,W,N]
    const filter = s.call("Transpose", { x: dy }, { perm: [1, 2, 0, 3] }); // [OH,OW,N,F]
    const out = correlateForFilterGradient(s, "Conv2D", image, filter, g, g.kH, g.kW); // [C,KH,KW,F]
    return s.call("Transpose", { x: out }, { perm: [1, 2, 0, 3] }); // [KH,KW,C,F]
  });
}
