import * as tf from "@tensorflow/tfjs-core";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import * as fs from "node:fs";
import os from "node:os";
import * as path from "node:path";

/**
 * tfjs's threaded wasm build (XNNPACK's thread pool on Emscripten pthreads) under
 * Node. tfjs turns it off there (tfjs#3830) because its loader hands Emscripten
 * Blob URLs, which Node's worker_threads cannot start. Emscripten's own glue runs
 * on Node; what it needs is files:
 * - the pthread worker script: tfjs passes it as a Blob; we write it to a private
 *   temporary folder (removed at exit) and hand over the path;
 * - the main script each worker evaluates: tfjs passes its factory's source as a
 *   Blob (which, bundled, refers to the bundler's names for fs and path); we hand
 *   over the package's own wasm-out/tfjs-backend-wasm-threaded-simd.js instead,
 *   the same Emscripten output as a standalone script.
 * The backend caps its pool at half of os.cpus() ("two threads per core"); on a
 * 2-core machine that is one thread, so os.cpus() reports twice the processors
 * while the module starts. Every patch is in place only while the wasm backend
 * is being created, then restored.
 */

/** What a patched `new Blob(...)` returns for the two scripts: a path, posted as is to workers. */
interface ScriptFile {
  __dlScriptPath: string;
}

const WORKER_PREFIX = '"use strict";var Module={}';
const MAIN_PREFIX = "var WasmBackendModuleThreadedSimd = ";

/**
 * Put before the worker script: the worker receives the main script as a
 * ScriptFile object (not a string) and turns it into a URL with
 * URL.createObjectURL, which we answer with its path.
 */
const WORKER_PRELUDE =
  '"use strict";{const c=URL.createObjectURL,r=URL.revokeObjectURL;' +
  "URL.createObjectURL=(b)=>b&&typeof b.__dlScriptPath===\"string\"?b.__dlScriptPath:c(b);" +
  'URL.revokeObjectURL=(u)=>typeof u==="string"&&!u.startsWith("blob:")?undefined:r(u);}';

let tempDir: string | undefined;

function privateTempDir(): string {
  if (tempDir === undefined) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "dl-wasm-threads-"));
    const dir = tempDir;
    process.once("exit", () => {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort: a leftover folder in tmp is harmless.
      }
    });
  }
  return tempDir;
}

/** The standalone Emscripten script of the threaded build, beside the binaries. */
export function threadedMainScript(binaryDir: string): string {
  return path.join(
    binaryDir,
    "..",
    "wasm-out",
    "tfjs-backend-wasm-threaded-simd.js",
  );
}

function textOf(parts: unknown): string | undefined {
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === "string"))
    return undefined;
  return (parts as string[]).join("");
}

/**
 * Replaces globalThis.Blob, URL.createObjectURL and os.cpus for the duration of
 * the wasm backend's creation; returns the function that restores them.
 */
function patchForThreads(binaryDir: string): () => void {
  const RealBlob = globalThis.Blob;
  const realCreate = URL.createObjectURL;
  const realCpus = os.cpus;
  class ScriptBlob extends RealBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const text = textOf(parts);
      if (text?.startsWith(MAIN_PREFIX)) {
        return { __dlScriptPath: threadedMainScript(binaryDir) } as never;
      }
      if (text?.startsWith(WORKER_PREFIX)) {
        const file = path.join(privateTempDir(), "pthread-worker.cjs");
        fs.writeFileSync(file, WORKER_PRELUDE + text, { mode: 0o600 });
        return { __dlScriptPath: file } as never;
      }
      super(parts, options);
    }
  }
  globalThis.Blob = ScriptBlob as typeof Blob;
  URL.createObjectURL = ((obj: Blob | ScriptFile) =>
    typeof (obj as ScriptFile).__dlScriptPath === "string"
      ? (obj as ScriptFile).__dlScriptPath
      : realCreate(obj as Blob)) as typeof URL.createObjectURL;
  os.cpus = () => {
    const cpus = realCpus();
    return [...cpus, ...cpus];
  };
  return () => {
    globalThis.Blob = RealBlob;
    URL.createObjectURL = realCreate;
    os.cpus = realCpus;
  };
}

/** The Node worker_threads behind the backend's pthreads. */
interface EmscriptenThreads {
  PThread?: {
    runningWorkers?: { unref?: () => void }[];
    unusedWorkers?: { unref?: () => void }[];
  };
}

/**
 * XNNPACK's pool threads run for the life of the backend, and Emscripten keeps
 * a Node worker referenced while its pthread runs, so the process would never
 * exit on its own: let it (the pool has nothing to finish once the main
 * thread is done).
 */
function unrefThreads(backend: tf.KernelBackend): void {
  const threads = (backend as unknown as { wasm?: EmscriptenThreads }).wasm
    ?.PThread;
  for (const w of [
    ...(threads?.runningWorkers ?? []),
    ...(threads?.unusedWorkers ?? []),
  ])
    w.unref?.();
}

/** Priority tfjs-backend-wasm registers "wasm" with. */
const WASM_PRIORITY = 2;

/**
 * Switches the (not yet initialised) wasm backend to the threaded build with
 * `threads` XNNPACK threads, or returns why it cannot. Must run before the
 * first tf.setBackend("wasm").
 */
export function enableWasmThreads(
  threads: number,
  binaryDir: string,
): { ok: true } | { ok: false; reason: string } {
  if (typeof SharedArrayBuffer !== "function")
    return { ok: false, reason: "this runtime has no SharedArrayBuffer" };
  if (!fs.existsSync(threadedMainScript(binaryDir)))
    return {
      ok: false,
      reason: `${threadedMainScript(binaryDir)} is missing from @tensorflow/tfjs-backend-wasm`,
    };
  const factory = tf.findBackendFactory("wasm");
  if (factory === null || factory === undefined)
    return { ok: false, reason: "the wasm backend is not registered" };
  if (tf.engine().registry["wasm"] !== undefined)
    return { ok: false, reason: "the wasm backend was already initialised" };
  try {
    privateTempDir();
  } catch (err) {
    return { ok: false, reason: `cannot write the pthread worker script to ${os.tmpdir()}: ${(err as Error).message}` };
  }
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  setThreadsCount(threads);
  tf.removeBackend("wasm");
  tf.registerBackend(
    "wasm",
    async () => {
      const restore = patchForThreads(binaryDir);
      let backend: tf.KernelBackend;
      try {
        backend = await factory();
      } finally {
        restore();
      }
      unrefThreads(backend);
      return backend;
    },
    WASM_PRIORITY,
  );
  return { ok: true };
}
