/**
 * Loads the code `dl run` generates. The TypeScript is transpiled in memory (types stripped, no
 * tsconfig read) and imported from a data: URL whose two imports point at absolute file URLs: the
 * runtime this `dl` ships with and the TensorFlow.js core the runtime itself resolves. Nothing is
 * written to disk and nothing resolves from the working directory.
 */
import type * as Runtime from "../runtime/index.js";

/** Set by scripts/build.mjs in the shipped build (build/cli/dl.mjs); undefined in source runs. */
declare const __DL_BUILD__: boolean | undefined;

/** The runtime's module: runtime/index.ts from source (tsx), build/runtime/index.mjs when built. */
export const runtimeUrl = new URL(typeof __DL_BUILD__ !== "undefined" ? "../runtime/index.mjs" : "../runtime/index.ts", import.meta.url);

/** The runtime `dl run` trains with: the same module instance the generated code imports. */
export async function loadRuntime(): Promise<typeof Runtime> {
  return (await import(runtimeUrl.href)) as typeof Runtime;
}

/** Where a module imported with `runtime` (see importGenerated) finds it while it loads. */
const RUNTIME_OVERRIDE = Symbol.for("dl-lang.runtime-override");
let overrides = 0;

/**
 * Imports generated TypeScript (as `dl compile` writes it) as a module. With `runtime`, the code's
 * `dl` is that object instead of the runtime module (dl export traces calls through one).
 */
export async function importGenerated(code: string, runtime?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ts = (await import("typescript")).default;
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, sourceMap: false },
    reportDiagnostics: false,
  }).outputText;
  // Resolved from dl's own files, as the runtime resolves it: one TensorFlow.js instance.
  const tfjsCore = import.meta.resolve("@tensorflow/tfjs-core");
  let linked = relink(js, "@tensorflow/tfjs-core", tfjsCore);
  if (runtime === undefined) linked = relink(linked, "dl-lang/runtime", runtimeUrl.href);
  else {
    const header = `import * as dl from "dl-lang/runtime";`;
    if (!linked.includes(header)) throw new Error("generated code without its runtime import");
    // The counter makes the URL new: a data: URL imported before would be the cached module, bound to another runtime.
    linked = linked.replace(header, `const dl = globalThis[Symbol.for("dl-lang.runtime-override")]; // ${++overrides}`);
  }
  const slot = globalThis as unknown as Record<symbol, unknown>;
  slot[RUNTIME_OVERRIDE] = runtime;
  try {
    return (await import(`data:text/javascript;base64,${Buffer.from(linked).toString("base64")}`)) as Record<string, unknown>;
  } finally {
    delete slot[RUNTIME_OVERRIDE];
  }
}

/**
 * Points the import of `specifier` (one of the emitter's header lines, the first statements of the
 * module) at `url`; transpiling drops an import that nothing uses.
 */
function relink(js: string, specifier: string, url: string): string {
  const from = `from "${specifier}";`;
  const at = js.indexOf(from);
  if (at < 0) return js;
  return js.slice(0, at) + `from ${JSON.stringify(url)};` + js.slice(at + from.length);
}
