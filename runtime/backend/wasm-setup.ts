import * as tf from "@tensorflow/tfjs-core";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import * as path from "node:path";
import { registerKernels } from "../kernels/register-kernels.js";

/**
 * Directory of the wasm binaries, as a path prefix ending in "/". Resolved from
 * the installed package rather than the bundle's own location, so that bundlers
 * or tsx moving the JS around cannot make the backend look in the wrong place.
 */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("@tensorflow/tfjs-backend-wasm");
  // main is .../tfjs-backend-wasm/dist/tf-backend-wasm.node.js; the binaries sit beside it.
  return path.dirname(main) + path.sep;
}

let configured = false;

/**
 * Prepares the wasm backend for Node before its first use: binary paths, SIMD
 * on (every Node ≥ 16 has it; the flag's probe is kept as the source of truth
 * so an odd runtime reports false instead of crashing), one thread (tfjs
 * disables wasm threads under Node: tfjs#3830), and our extra training kernels
 * (registered again here so configureWasm alone suffices).
 */
export function configureWasm(): void {
  if (configured) return;
  setWasmPaths(wasmBinaryDir());
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setThreadsCount(1);
  registerKernels();
  configured = true;
}
