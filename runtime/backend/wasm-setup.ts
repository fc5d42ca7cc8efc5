import * as tf from "@tensorflow/tfjs-core";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import * as path from "node:path";
import { registerKernels } from "../kernels/register-kernels.js";
import { enableWasmThreads } from "./wasm-threads.js";

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
let threadsNote: string | undefined;

/** How many XNNPACK threads to ask for: DL_WASM_THREADS, else 1. */
export function requestedWasmThreads(
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env["DL_WASM_THREADS"];
  if (raw === undefined || raw.trim() === "") return 1;
  const value = raw.trim().toLowerCase();
  if (value === "auto" || value === "max") return MAX_WASM_THREADS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `DL_WASM_THREADS=${raw}: expected a whole number of threads ≥ 1, or "auto"`,
    );
  return Math.min(n, MAX_WASM_THREADS);
}

/** tfjs's threaded build pre-starts 8 workers and caps its pool there. */
const MAX_WASM_THREADS = 8;

/** Why the threaded build was not used although threads were asked for (undefined otherwise). */
export function wasmThreadsNote(): string | undefined {
  return threadsNote;
}

/**
 * Prepares the wasm backend for Node before its first use: binary paths, SIMD
 * on (every Node ≥ 16 has it; the flag's probe is kept as the source of truth
 * so an odd runtime reports false instead of crashing), threads, and our extra
 * training kernels (registered again here so configureWasm alone suffices).
 *
 * Threads: one by default (tfjs disables wasm threads under Node: tfjs#3830);
 * `threads` > 1 (or DL_WASM_THREADS=N|auto) loads tfjs's threaded build through
 * worker_threads (see wasm-threads.ts), capped at the machine's processors.
 * Where that cannot work the backend stays on one thread and
 * wasmThreadsNote() says why.
 */
export function configureWasm(options: { threads?: number } = {}): void {
  if (configured) return;
  setWasmPaths(wasmBinaryDir());
  const threads = options.threads ?? requestedWasmThreads();
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setThreadsCount(1);
  if (threads > 1) {
    const enabled = enableWasmThreads(
      Math.min(threads, MAX_WASM_THREADS),
      wasmBinaryDir(),
    );
    if (!enabled.ok) {
      threadsNote = enabled.reason;
      console.warn(`warning: ${threads} wasm threads asked for, using 1: ${enabled.reason}`);
    }
  }
  registerKernels();
  configured = true;
}
