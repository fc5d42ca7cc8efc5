/**
 * The standalone ES module of `dl export`: the generated model class, the layers and ops it
 * uses (runtime/inference.ts, tree-shaken) and the loader (runtime/export/standalone.ts),
 * bundled by esbuild into one `model.mjs` with its types (`model.d.mts`) beside `weights.bin`.
 * `@tensorflow/tfjs-core` stays an import: the app's own TensorFlow.js (`@tensorflow/tfjs`
 * depends on it) with whatever backend it registered, WebGL, WebGPU, wasm or cpu. Bundling a
 * second tfjs-core would give the model an engine without the app's backends.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import type { ExportedInfo } from "../../runtime/export/standalone.js";

/** The runtime sources: two folders up from this file, in the sources and in build/. */
const runtimeDir = fileURLToPath(new URL("../../runtime/", import.meta.url));

/** Points the generated code's `dl-lang/runtime` at the inference part of the runtime only. */
const inferenceOnly: Plugin = {
  name: "dl-inference-runtime",
  setup(b) {
    b.onResolve({ filter: /^dl-lang\/runtime$/ }, () => ({ path: path.join(runtimeDir, "inference.ts") }));
  },
};

/**
 * Bundles `code` (what `dl compile` writes) into the text of model.mjs exporting `load`,
 * `info`, `ExportedModel` and the model class `info.className`.
 */
export async function bundleModelModule(code: string, info: ExportedInfo, banner: string): Promise<string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dl-export-"));
  try {
    fs.writeFileSync(path.join(tmp, "generated.ts"), code);
    const standalone = JSON.stringify(path.join(runtimeDir, "export", "standalone.ts"));
    const entry = `import { ${info.className} } from "./generated.ts";
import { ExportedModel, loadExported, type ExportedInfo, type WeightsSource } from ${standalone};

/** What dl export recorded: the model, its inputs and the manifest of weights.bin. */
export const info: ExportedInfo = ${JSON.stringify(info, null, 1)};

/**
 * Builds ${info.className} and loads its weights: by default weights.bin beside this module
 * (fetched in a browser, read from disk in Node), else the bytes, URL or file given.
 */
export function load(weights?: WeightsSource): Promise<ExportedModel> {
  return loadExported(${info.className} as never, info, import.meta.url, weights);
}

export { ${info.className}, ExportedModel };
`;
    const result = await build({
      stdin: { contents: entry, resolveDir: tmp, loader: "ts", sourcefile: "model.ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2020",
      external: ["@tensorflow/tfjs-core"],
      plugins: [inferenceOnly],
      // No tsconfig or package.json of the user's folders configures the bundle: dl's own folder is the root.
      tsconfigRaw: {},
      absWorkingDir: path.join(runtimeDir, ".."),
      banner: { js: banner },
      logLevel: "silent",
    });
    // A warning here (an import the inference runtime lacks) would be a broken module: refuse it.
    if (result.warnings.length) throw new Error(`the exported module would be broken: ${result.warnings.map((w) => w.text).join("; ")}`);
    return result.outputFiles[0]!.text;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** model.d.mts (TypeScript finds the types of model.mjs there, not in model.d.ts): the exported module's types (the model class typed loosely: its layers are internal). */
export function modelTypes(info: ExportedInfo): string {
  // The shared types as the runtime declares them (a declaration-only file), then this model's.
  const shared = fs.readFileSync(path.join(runtimeDir, "export", "exported-types.ts"), "utf8").replace(/^\/\/.*\n/gm, "");
  return `// Types of model.mjs (exported by dl). Needs @tensorflow/tfjs-core 4.x (@tensorflow/tfjs includes it).
${shared.trim()}

export declare class ExportedModel {
  readonly info: ExportedInfo;
  /** The model's outputs for a batch, in inference mode (tensors, or numbers shaped like the inputs). */
  predict(${info.inputs.map((i) => `${safe(i.name)}: tf.Tensor | tf.TensorLike`).join(", ")}): tf.Tensor;
  /** Class probabilities [B, K]: a softmax of the outputs unless they already are a distribution. */
  probabilities(${info.inputs.map((i) => `${safe(i.name)}: tf.Tensor | tf.TensorLike`).join(", ")}): tf.Tensor2D;
  /** Each example's most likely class and its probabilities. */
  classify(${info.inputs.map((i) => `${safe(i.name)}: tf.Tensor | tf.TensorLike`).join(", ")}): Promise<Classified[]>;
  dispose(): void;
}

export declare const info: ExportedInfo;

/** Builds ${info.className} and loads its weights (default: weights.bin beside this module). */
export declare function load(weights?: WeightsSource): Promise<ExportedModel>;

/** The generated model class: new ${info.className}(null, ${JSON.stringify(info.name)}). */
export declare const ${info.className}: new (parent: null, name: string) => { apply(...args: unknown[]): tf.Tensor; dispose(): void };
`;
}

const safe = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : "input");
