/**
 * Weights in tfjs's model-artifacts layout: `model.json` (a `weightsManifest` naming each tensor,
 * its shape and dtype) beside one `weights.bin`. `tf.io.decodeWeights` and tfjs's loaders read it;
 * names are the stable hierarchical ones (`net.conv1.kernel`), never tfjs's unique names.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";

/** How a file is written: `fs.writeFileSync` by default; checkpoints pass a durable, recording writer. */
export type FileWriter = (file: string, data: string | Uint8Array) => void;

/** Writes `tensors` as `<dir>/model.json` and `<dir>/weights.bin` (dir is created). */
export async function writeWeights(
  dir: string,
  tensors: Map<string, tf.Tensor>,
  metadata: Record<string, unknown> = {},
  write: FileWriter = (file, data) => fs.writeFileSync(file, data),
): Promise<void> {
  const named = [...tensors].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  fs.mkdirSync(dir, { recursive: true });
  write(path.join(dir, "weights.bin"), new Uint8Array(data));
  const json = {
    format: "dl-weights",
    generatedBy: "dl-lang",
    convertedBy: null,
    modelTopology: null,
    weightsManifest: [{ paths: ["weights.bin"], weights: specs }],
    userDefinedMetadata: metadata,
  };
  write(path.join(dir, "model.json"), JSON.stringify(json, null, 1));
}

/** Reads what `writeWeights` wrote; the caller owns (and disposes) the tensors. */
export function readWeights(dir: string): { tensors: Map<string, tf.Tensor>; metadata: Record<string, unknown> } {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8")) as {
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    userDefinedMetadata?: Record<string, unknown>;
  };
  const tensors = new Map<string, tf.Tensor>();
  for (const group of json.weightsManifest) {
    const buffers = group.paths.map((p) => fs.readFileSync(path.join(dir, p)));
    const joined = Buffer.concat(buffers);
    const bytes = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
    for (const [name, t] of Object.entries(tf.io.decodeWeights(bytes, group.weights))) tensors.set(name, t);
  }
  return { tensors, metadata: json.userDefinedMetadata ?? {} };
}
