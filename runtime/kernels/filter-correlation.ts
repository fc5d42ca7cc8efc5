import type * as tf from "@tensorflow/tfjs-core";
import type { ConvGeometry } from "./conv-geometry.js";
import type { KernelScope } from "./kernel-scope.js";

/**
 * The step both filter gradients share: correlate `image` with the output gradient used as a
 * `filter`, the forward stride becoming the dilation and the forward dilation the stride, with
 * the far side padded just enough for KH×KW outputs; extra rows, if any, are cropped.
 * `kernel` is "Conv2D" (result [C, KH, KW, F]) or "DepthwiseConv2dNative" ([1, KH, KW, N·C·M]).
 */
export function correlateForFilterGradient(
  s: KernelScope,
  kernel: "Conv2D" | "DepthwiseConv2dNative",
  image: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  kH: number,
  kW: number,
): tf.TensorInfo {
  const extentH = (g.outH - 1) * g.strideH + 1;
  const extentW = (g.outW - 1) * g.strideW + 1;
  const padBottom = Math.max(0, (kH - 1) * g.dilationH + extentH - g.inH - g.padTop);
  const padRight = Math.max(0, (kW - 1) * g.dilationW + extentW - g.inW - g.padLeft);
  const out = s.call(
    kernel,
    { x: image, filter },
    {
      strides: [g.dilationH, g.dilationW],
      dilations: [g.strideH, g.strideW],
      pad: [
        [0, 0],
        [g.padTop, padBottom],
        [g.padLeft, padRight],
        [0, 0],
      ],
      dataFormat: "NHWC",
    },
  );
  if (out.shape[1] === kH && out.shape[2] === kW) return out;
  return s.call("Slice", { x: out }, { begin: [0, 0, 0, 0], size: [out.shape[0]!, kH, kW, out.shape[3]!] });
}
