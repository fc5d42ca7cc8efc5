import * as tf from "@tensorflow/tfjs-core";
// Must follow the tfjs-core import: the bundle then attaches to the engine tfjs-core created.
import "./vendor/tfjs-gradients.mjs";

/**
 * True once tfjs's gradients are registered. Importing this module registers
 * them: tfjs-core's Node entry ships none, so without it every `tf.grad` and
 * optimizer step fails with "gradient function not found for Conv2D".
 */
export function gradientsRegistered(): boolean {
  return (
    tf.getGradient("Conv2D") !== undefined &&
    tf.getGradient("Tanh") !== undefined
  );
}
