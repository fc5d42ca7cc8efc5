import * as tf from "@tensorflow/tfjs-core";

/**
 * Gradient of AvgPoolGrad, which tfjs 4.22 lacks ("gradient function not
 * found for AvgPoolGrad" when a gradient penalty meets an average-pooling
 * critic). AvgPoolGrad is linear in dy with adjoint AvgPool under the same
 * window, and does not depend on the input's values.
 */
export const avgPoolGradGradient: tf.GradConfig = {
  kernelName: "AvgPoolGrad",
  inputsToSave: ["input"],
  gradFunc: (
    ddx: tf.Tensor | tf.Tensor[],
    saved: tf.Tensor[],
    attrs: tf.NamedAttrMap,
  ) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
      filterSize: [number, number];
      strides: [number, number];
      pad: "valid" | "same" | number;
      dimRoundingMode?: "floor" | "round" | "ceil";
    };
    const input = saved[0]!;
    return {
      dy: () =>
        tf.avgPool(
          ddx as tf.Tensor4D,
          filterSize,
          strides,
          pad,
          dimRoundingMode,
        ),
      input: () => tf.zerosLike(input),
    };
  },
};
