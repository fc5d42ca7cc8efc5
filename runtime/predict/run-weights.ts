/**
 * Loads a model's weights from a run folder: the best checkpoint (`checkpoints/best/`, when the
 * train block keeps one) or the latest (`checkpoints/latest.json`), or a checkpoint folder named
 * directly. Every variable must be there with its shape; a mismatch names the file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { isProblem, locateCheckpoint, type CheckpointChoice } from "../checkpoint/saved-weights.js";
import { readWeights } from "../checkpoint/weights-file.js";
import { DataError } from "../data/errors.js";
import type { Module } from "../module.js";

/** The checkpoint folder of `runDir` that `choice` means. */
export function checkpointFolder(runDir: string, choice: CheckpointChoice = "auto"): string {
  const located = locateCheckpoint(runDir, choice);
  if (isProblem(located)) throw new DataError(located.file, located.expected, located.found);
  return located.folder;
}

/** Assigns the weights saved for model `key` in checkpoint `folder` to `model`'s variables. */
export function loadModelWeights(folder: string, key: string, model: Module): string {
  const dir = path.join(folder, "models", key);
  const file = path.join(dir, "model.json");
  if (!fs.existsSync(file)) {
    const have = fs.existsSync(path.join(folder, "models")) ? fs.readdirSync(path.join(folder, "models")) : [];
    throw new DataError(file, `the weights of model '${key}'`, have.length ? `only models ${have.join(", ")}` : "no such file");
  }
  const { tensors } = readWeights(dir);
  try {
    for (const [name, v] of model.namedVariables()) {
      const t = tensors.get(name);
      if (!t) throw new DataError(file, `variable ${name} [${v.shape.join(", ")}]`, "no such variable");
      if (t.shape.join(",") !== v.shape.join(",")) throw new DataError(file, `variable ${name} of shape [${v.shape.join(", ")}]`, `[${t.shape.join(", ")}]`);
      v.assign(t);
    }
  } finally {
    tf.dispose([...tensors.values()]);
  }
  return dir;
}

/**
 * `dl.loadWeights(net, "runs/lenet")`: loads a model's weights from a run folder (its best
 * checkpoint when it kept one, else its latest) or from a checkpoint folder. The weights are the
 * ones saved for the model named `o.model`, by default the model's own name (`"net"` for
 * `new LeNet5(null, "net")`, as the train block's `model net = ...` saves it).
 */
export function loadWeights(model: Module, run: string, o: { model?: string; checkpoint?: CheckpointChoice } = {}): string {
  return loadModelWeights(checkpointFolder(run, o.checkpoint), o.model ?? model.path, model);
}
