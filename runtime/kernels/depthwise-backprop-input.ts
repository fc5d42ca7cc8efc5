import * as tf from "@tensorflow/tfjs-core";
import { composed, type KernelScope } from "./kernel-scope.js";
import { convGeometry, type Pad } from "./conv-geometry.js";

/**
 * DepthwiseConv2dNativeBackpropInput for the wasm backend, which ships none.
 *
 * dx[n,h,w,c] = Σ_m Σ_{kh,kw} dy[n,oh,ow,c·M+m] · W[kh,kw,c,m] with h + pt = oh·s + kh·d.
 * That is a depthwise correlation of dy, dilated by the stride s (s−1 zeros
 * between rows and columns), with the filter rotated by 180°, at the forward
 * dilation d, padded by (KH−1)·d − pt in front; summing the M multiplier
 * channels of each input channel gives dx. Runs on wasm's depthwise convolution.
 */
export function depthwiseBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { dy, filter } = args.inputs as {
    dy: tf.TensorInfo;
    filter: tf.TensorInfo;
  };
  const attrs = (args.attrs ?? {}) as unknown as {
    strides: number | [number, number];
    dilations?: number | [number, number];
    pad: Pad;
    dimRoundingMode?: "floor" | "round" | "ceil";
    inputShape: [number, number, number, number];
  };
  const filterShape = filter.shape as [number, number, number, number];
  const g = convGeometry(
    attrs.inputShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const [kH, kW, inC, mult] = filterShape;
  const [n, h, w] = attrs.inputShape;
  return composed(args.backend, "wasm", (s) => {
    const dilated = dilateSpatial(s, dy, g.strideH, g.strideW); // [N, OH·sh, OW·sw, C·M]
    // Rows of the dilated dy that a correlation with the rotated filter needs:
    // output row h reads dilated rows h − ((KH−1)·d − pt) + kh·d.
    const front = [
      (kH - 1) * g.dilationH - g.padTop,
      (kW - 1) * g.dilationW - g.padLeft,
    ];
    const back = [
      h + (kH - 1) * g.dilationH - front[0]! - dilated.shape[1]!,
      w + (kW - 1) * g.dilationW - front[1]! - dilated.shape[2]!,
    ];
    const cropped = cropNegative(s, dilated, front, back);
    const rotated = s.call("Reverse", { x: filter }, { dims: [0, 1] });
    const perChannel = s.call(
      "Reshape",
      { x: rotated },
      { shape: [kH, kW, inC * mult, 1] },
    );
    const conv = s.call(
      "DepthwiseConv2dNative",
      { x: cropped, filter: perChannel },
      {
        strides: [1, 1],
        dilations: [g.dilationH, g.dilationW],
        pad: [
          [0, 0],
          [Math.max(0, front[0]!), Math.max(0, back[0]!)],
          [Math.max(0, front[1]!), Math.max(0, back[1]!)],
          [0, 0],
        ],
        dataFormat: "NHWC",
      },
    ); // [N,H,W,C·M]
    if (mult === 1) return conv;
    const split = s.call(
      "Reshape",
      { x: conv },
      { shape: [n, h, w, inC, mult] },
    );
    return s.call("Sum", { x: split }, { axis: [4], keepDims: false });
  });
}

/**
 * Inserts s−1 zeros after every row and column ([N,A,B,C] → [N,A·sh,B·sw,C]),
 * by padding a [N,A,1,B,1,C] view; trailing zeros are harmless to the caller.
 */
export function dilateSpatial(
  s: KernelScope,
  t: tf.TensorInfo,
  sh: number,
  sw: number,
): tf.TensorInfo {
  if (sh === 1 && sw === 1) return t;
  const [n, a, b, c] = t.shape as [number, number, number, number];
  const view = s.call("Reshape", { x: t }, { shape: [n, a, 1, b, 1, c] });
  const padded = s.call(
    "PadV2",
    { x: view },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return s.call("Reshape", { x: padded }, { shape: [n, a * sh, b * sw, c] });
}

/**
 * Removes rows/columns where a planned padding is negative (those dy entries
 * touch no input pixel); non-negative paddings are applied by the convolution.
 */
function cropNegative(
  s: KernelScope,
  t: tf.TensorInfo,
  front: number[],
  back: number[],
): tf.TensorInfo {
  const cutTop = Math.max(0, -front[0]!);
  const cutLeft = Math.max(0, -front[1]!);
  const cutBottom = Math.max(0, -back[0]!);
  const cutRight = Math.max(0, -back[1]!);
  if (cutTop + cutLeft + cutBottom + cutRight === 0) return t;
  const [n, a, b, c] = t.shape as [number, number, number, number];
  return s.call(
    "Slice",
    { x: t },
    {
      begin: [0, cutTop, cutLeft, 0],
      size: [n, a - cutTop - cutBottom, b - cutLeft - cutRight, c],
    },
  );
}
