/**
 * What a model exported by `dl export` runs on top of its model class: loading its weights
 * (`weights.bin` beside the module, fetched in a browser and read from disk in Node), and
 * predicting in inference mode. Bundled into every exported `model.mjs` together with the
 * model class and the layers it uses; imports only `@tensorflow/tfjs-core`, which stays an
 * import of the exported module (the app's own TensorFlow.js, with the backends it registered).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import { probabilities } from "../predict/predict.js";
import type { Classified, ExportedInfo, ExportedInput, WeightsSource } from "./exported-types.js";

export type { Classified, ExportedInfo, ExportedInput, WeightsSource } from "./exported-types.js";

/** A model class as generated: `new Model(null, name)`, `apply(...inputs, training)`. */
export type ModelClass = new (parent: null, name: string) => Module & { apply(...args: unknown[]): tf.Tensor };

/** A loaded exported model: predictions in inference mode on the active tfjs backend. */
export class ExportedModel {
  constructor(
    /** The generated model instance (its variables hold the exported weights). */
    readonly module: Module & { apply(...args: unknown[]): tf.Tensor },
    readonly info: ExportedInfo,
  ) {}

  /**
   * The model's outputs for a batch. Each input is a tensor, or numbers (nested arrays or a flat
   * typed array of whole examples) shaped like the input with the batch axis inferred.
   */
  predict(...inputs: (tf.Tensor | tf.TensorLike)[]): tf.Tensor {
    if (inputs.length !== this.info.inputs.length) {
      throw new Error(`${this.info.className} takes ${this.info.inputs.length} input(s) (${this.info.inputs.map((i) => i.name).join(", ")}), got ${inputs.length}`);
    }
    return tf.tidy(() => {
      const xs = inputs.map((x, i) => asBatch(x, this.info.inputs[i]!));
      return this.module.apply(...xs, false);
    });
  }

  /** Class probabilities `[B, K]`: a softmax of the outputs unless they already are a distribution. */
  probabilities(...inputs: (tf.Tensor | tf.TensorLike)[]): tf.Tensor2D {
    return tf.tidy(() => probabilities(this.predict(...inputs)));
  }

  /** Each example's most likely class and its probabilities (one read from the device). */
  async classify(...inputs: (tf.Tensor | tf.TensorLike)[]): Promise<Classified[]> {
    const p = this.probabilities(...inputs);
    const rows = (await p.array()) as number[][];
    p.dispose();
    return rows.map((r) => ({ predicted: r.length === 1 ? Number(r[0]! >= 0.5) : r.indexOf(Math.max(...r)), probabilities: r }));
  }

  /** Frees the model's variables. */
  dispose(): void {
    this.module.dispose();
  }
}

/** Numbers as a batch of `input`'s shape, or the tensor itself after a shape check. */
function asBatch(x: tf.Tensor | tf.TensorLike, input: ExportedInput): tf.Tensor {
  const example = input.shape.slice(1) as number[];
  const size = example.reduce((a, b) => a * b, 1);
  let t: tf.Tensor;
  if (x instanceof tf.Tensor) t = x;
  else {
    const flat = ArrayBuffer.isView(x) ? (x as unknown as ArrayLike<number>) : undefined;
    t = flat ? tf.tensor(flat as tf.TensorLike, [flat.length / size, ...example], input.dtype) : tf.tensor(x, undefined, input.dtype);
    if (t.size % size !== 0) throw new Error(`input ${input.name}: ${t.size} numbers are not whole examples of shape [${example.join(", ")}]`);
    if (t.rank !== example.length + 1) t = tf.reshape(t, [-1, ...example]);
  }
  if (t.rank !== example.length + 1 || t.shape.slice(1).some((d, i) => d !== example[i])) {
    throw new Error(`input ${input.name}: expected shape [B, ${example.join(", ")}], got [${t.shape.join(", ")}]`);
  }
  return t.dtype === input.dtype ? t : tf.cast(t, input.dtype);
}

/** Reads weights.bin: given bytes, a file (Node) or a URL (fetched), by default beside the module. */
async function weightBytes(source: WeightsSource | undefined, info: ExportedInfo, moduleUrl: string): Promise<ArrayBuffer> {
  if (source instanceof ArrayBuffer) return source;
  if (ArrayBuffer.isView(source)) return source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength) as ArrayBuffer;
  const url = source === undefined ? new URL(info.weightsFile, moduleUrl) : source instanceof URL ? source : /^[a-z][a-z0-9+.-]*:/i.test(source) ? new URL(source) : undefined;
  if (url === undefined || url.protocol === "file:") {
    // Node: fetch has no file: URLs. A computed specifier keeps bundlers from following it.
    const fsName = "node:fs/promises";
    const fs = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName)) as { readFile(p: string | URL): Promise<Uint8Array> };
    const bytes = await fs.readFile(url ?? (source as string));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.href}: could not load the weights of ${info.className} (HTTP ${res.status})`);
  return res.arrayBuffer();
}

/**
 * Builds the model and assigns the exported weights (each checked by name and shape).
 * `moduleUrl` is the exported module's `import.meta.url`, where weights.bin is looked for.
 */
export async function loadExported(Model: ModelClass, info: ExportedInfo, moduleUrl: string, source?: WeightsSource): Promise<ExportedModel> {
  const bytes = await weightBytes(source, info, moduleUrl);
  const expected = info.weights.reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.byteLength !== expected) throw new Error(`the weights of ${info.className} are ${bytes.byteLength} bytes; ${info.weightsFile} of this export has ${expected}`);
  const tensors = tf.io.decodeWeights(bytes, info.weights);
  const module = new Model(null, info.name);
  try {
    for (const [name, v] of module.namedVariables()) {
      const t = tensors[name];
      if (!t) throw new Error(`the exported weights have no ${name}`);
      if (t.shape.join(",") !== v.shape.join(",")) throw new Error(`weight ${name}: the model has [${v.shape.join(", ")}], the export [${t.shape.join(", ")}]`);
      v.assign(t);
    }
  } catch (e) {
    module.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return new ExportedModel(module, info);
}
