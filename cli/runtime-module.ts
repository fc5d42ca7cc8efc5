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

/** Imports generated TypeScript (as `dl compile` writes it) as a module. */
export async function importGenerated(code: string): Promise<Record<string, unknown>> {
  const ts = (await import("typescript")).default;
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, sourceMap: false },
    reportDiagnostics: false,
  }).outputText;
  // Resolved from dl's own files, as the runtime resolves it: one TensorFlow.js instance.
  const tfjsCore = import.meta.resolve("@tensorflow/tfjs-core");
  const linked = relink(relink(js, "@tensorflow/tfjs-core", tfjsCore), "dl-lang/runtime", runtimeUrl.href);
  return (await import(`data:text/javascript;base64,${Buffer.from(linked).toString("base64")}`)) as Record<string, unknown>;
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
