// Generated from test/golden/codegen/style-mixing-truncation.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * StyleGAN's style mixing and truncation in a small generator: a shared mapping network maps
 * the input latent and a second one drawn inside the model; `style_mix` gives per-layer styles
 * (mixed in training), `truncation` keeps the running average of w and truncates in inference.
 *
 * Mapping(units=16) on z: f32[B, 16].
 * Trainable parameters: 272.
 */
export class Mapping extends dl.Module {
  readonly equalized_dense_0 = new dl.layers.EqualizedDense(this, "equalized_dense_0", { inFeatures: 16, units: 16, bias: true });

  apply(z: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.layers.pixelNorm(z);
    const t2 = this.equalized_dense_0.apply(t1);
    const t3 = dl.ops.leakyRelu(t2, 0.2);
    return t3;
  }
}

/**
 * TinyStyleGenerator(psi=0.7, mixing=0.9) on z: f32[B, 16].
 * Trainable parameters: 1528.
 */
export class TinyStyleGenerator extends dl.Module {
  readonly mapping = new Mapping(this, "mapping");
  readonly truncation_0 = new dl.layers.Truncation(this, "truncation_0", { shape: [16], psi: 0.7, decay: 0.99 });
  readonly style_mix_0 = new dl.layers.StyleMix(this, "style_mix_0", { layers: 2, prob: 0.9 });
  readonly constant_input_0 = new dl.layers.ConstantInput(this, "constant_input_0", { channels: 8, size: [4, 4] });
  readonly adain_0 = new dl.layers.AdaIN(this, "adain_0", { channels: 8, styleDim: 16 });
  readonly equalized_conv2d_0 = new dl.layers.EqualizedConv2D(this, "equalized_conv2d_0", { inChannels: 8, filters: 8, kernel: [3, 3], padding: "same", bias: true });
  readonly adain_1 = new dl.layers.AdaIN(this, "adain_1", { channels: 8, styleDim: 16 });

  apply(z: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.mapping.apply(z, training);
    const w = this.truncation_0.apply(t1, training);
    const t2 = dl.random.normal([z.shape[0]!, 16], this.rng, 0, 1);
    const t3 = this.mapping.apply(t2, training);
    const ws = this.style_mix_0.apply(w, t3, training);
    const t4 = this.constant_input_0.apply(w);
    const t5 = dl.ops.slice(ws, [0, 0, 0], [-1, 1, -1], [1]);
    const t6 = this.adain_0.apply(t4, t5);
    const t7 = this.equalized_conv2d_0.apply(t6);
    const t8 = dl.ops.slice(ws, [0, 1, 0], [-1, 1, -1], [1]);
    const t9 = this.adain_1.apply(t7, t8);
    return t9;
  }
}
