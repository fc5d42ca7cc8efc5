/** Reflection padding (`dl.reflectionPad`), torch.nn.ReflectionPad2d over NHWC. */
import * as tf from "@tensorflow/tfjs-core";

/** Pads H and W by mirroring the border without repeating it: `[[top, bottom], [left, right]]`. */
export function reflectionPad(x: tf.Tensor, pads: [[number, number], [number, number]]): tf.Tensor4D {
  return tf.mirrorPad(x as tf.Tensor4D, [[0, 0], pads[0], pads[1], [0, 0]], "reflect");
}
