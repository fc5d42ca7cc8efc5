// The types an exported model.mjs shares with the loader (runtime/export/standalone.ts). This file
// holds type declarations only, so that `dl export` copies its text into model.d.mts as it is: one
// source for both (cli/export/es-module.ts).
import type * as tf from "@tensorflow/tfjs-core";

/** An input of the exported model: its name and shape (`null` for the batch axis and any size the model leaves open). */
export interface ExportedInput {
  name: string;
  shape: (number | null)[];
  dtype: "float32" | "int32";
}

/** What `dl export` records about the model it exported. */
export interface ExportedInfo {
  /** The model's class in the .dl file, and its name in the train block. */
  className: string;
  name: string;
  source: string;
  train: string;
  inputs: ExportedInput[];
  /** Trainable parameters (as `dl summary` counts them). */
  parameters: number;
  /** tfjs's weights manifest of weights.bin, names as the checkpoint's (`net.conv2d_0.kernel`). */
  weights: tf.io.WeightsManifestEntry[];
  weightsFile: string;
}

/** Where the weights come from: the bytes themselves, or a URL or file path of weights.bin. */
export type WeightsSource = ArrayBuffer | ArrayBufferView | string | URL;

/** One example's class and probabilities. */
export interface Classified {
  predicted: number;
  probabilities: number[];
}
