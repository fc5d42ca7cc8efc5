/**
 * `init net from "runs/pretrain" except head` at run start: copies saved weights into a freshly
 * built model by parameter name (relative to the model, so `net.body.dense_0.kernel` takes the
 * checkpoint's `pretrained.body.dense_0.kernel`). Names under an `except` prefix keep their fresh
 * initialization; a weight of the model that the checkpoint lacks, or holds in another shape,
 * stops the run with a `WeightsError` naming the file, the parameter and both shapes; weights
 * the checkpoint has and the model lacks are not loaded, with a warning.
 */
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import type { SourceLocation } from "../train/types.js";
import { isProblem, locateCheckpoint, readSavedModel } from "./saved-weights.js";
import { describeProblems, exceptFor, formatShape, matchWeights, relativeTo, under } from "./weight-match.js";
import { readWeights } from "./weights-file.js";

/** Where a model's starting weights come from (what `init ... from ...` compiles to). */
export type InitSource =
  /** A run folder (its best checkpoint if kept, else its latest) or a checkpoint folder. */
  | { run: string; model?: string; under?: string }
  /**
   * The final weights of another train block's model: its run folder's latest checkpoint. With
   * `under`, only the weights under that prefix (a sub-model: `encoder_0` of an autoencoder).
   */
  | { train: string; model: string; under?: string };

/** One `init` of a train block. */
export interface InitSpec {
  /** The model instance (a key of the setup's models). */
  model: string;
  /** Only the model's weights under this prefix (`init net.encoder_0 from ...`), named relative to it. */
  into?: string;
  from: InitSource;
  /** Parameter-name prefixes, relative to the model, that keep their fresh initialization. */
  except?: string[];
  /** The `init` line in the `.dl` file, for messages. */
  at?: SourceLocation;
}

/** Saved weights that cannot start a model: names the file first. */
export class WeightsError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "WeightsError";
  }
}

/** What an init did: the checkpoint folder read and how many tensors it copied. */
export interface InitResult {
  folder: string;
  file: string;
  loaded: number;
  skipped: number;
}

/** Options of `initModel`. */
export interface InitOptions {
  /** Run folders of other train blocks by name; default `<runsDir>/<name>`. */
  sources?: Record<string, string>;
  /** Where train blocks' run folders are by default (the parent of this run's folder). */
  runsDir?: string;
  /** The `.dl` file, for messages. */
  source?: string;
  warn?: (message: string) => void;
}

/** Loads `spec`'s saved weights into `model`; see the file comment for what is checked. */
export function initModel(model: Module, spec: InitSpec, o: InitOptions = {}): InitResult {
  const warn = o.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const where = spec.at ? ` (${o.source ?? "init"}:${spec.at.line}: init ${spec.model})` : "";
  const from = spec.from;
  const runDir = "run" in from ? from.run : (o.sources?.[from.train] ?? path.join(o.runsDir ?? "runs", from.train));
  const located = locateCheckpoint(runDir, "run" in from ? "auto" : "latest");
  if (isProblem(located)) {
    const hint = "train" in from ? `; train '${from.train}' runs first (dl run trains the blocks an init names before the block itself)` : "";
    throw new WeightsError(located.file, `expected ${located.expected} to initialise '${spec.model}'${where}, found ${located.found}${hint}`);
  }
  const key = from.model ?? spec.model;
  const saved = readSavedModel(located.folder, key, "run" in from && from.model === undefined);
  if (isProblem(saved)) throw new WeightsError(saved.file, `expected ${saved.expected} to initialise '${spec.model}'${where}, found ${saved.found}`);
  const variables = model.namedVariables();
  const mine = under(relativeTo(model.path, [...variables].map(([n, v]) => [n, v.shape] as [string, number[]])), spec.into);
  const target = spec.into ? `${spec.model}.${spec.into}` : spec.model;
  const except = spec.except ?? [];
  const m = matchWeights(mine, under(saved.weights, from.under), except);
  if (m.missing.length || m.shape.length) {
    const names = [...m.shape.map((s) => s.name), ...m.missing.map((s) => s.name)];
    const fix = exceptFor(names).join(", ");
    const lines = describeProblems(m, target).map((l) => `  ${l}`);
    throw new WeightsError(
      saved.file,
      `cannot initialise '${target}' from it${where}:\n${lines.join("\n")}\nadd 'except ${fix}' to the init to keep ${names.length === 1 ? "that weight" : "those weights"} freshly initialised`,
    );
  }
  if (m.extra.length) {
    const shown = m.extra.slice(0, 6).map((s) => `${s.name} ${formatShape(s.shape)}`).join(", ");
    const more = m.extra.length > 6 ? ` and ${m.extra.length - 6} more` : "";
    warn(`${saved.file}: ${shown}${more} ${m.extra.length === 1 ? "is" : "are"} in the checkpoint but not in '${target}'${where}: not loaded; add 'except ${exceptFor(m.extra.map((s) => s.name)).join(", ")}' to say so`);
  }
  const { tensors } = readWeights(saved.dir);
  try {
    const inSaved = (name: string) => (from.under ? `${from.under}.${name}` : name);
    const inModel = (name: string) => `${model.path}.${spec.into ? `${spec.into}.` : ""}${name}`;
    for (const name of m.load) variables.get(inModel(name))!.assign(tensors.get(`${saved.root}.${inSaved(name)}`) ?? tensors.get(inSaved(name))!);
  } finally {
    tf.dispose([...tensors.values()]);
  }
  return { folder: located.folder, file: saved.file, loaded: m.load.length, skipped: mine.length - m.load.length };
}
