import * as tf from "@tensorflow/tfjs-core";
// Side-effect imports: register the always-available backends with tfjs.
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
// tfjs-core's Node build registers no gradients; this does (see kernels/vendor).
import "../kernels/gradients.js";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import {
  CANDIDATES,
  parseBackendName,
  type BackendName,
  type Candidate,
} from "./candidates.js";
import { firstLine } from "./errors.js";
import type { AdapterFacts } from "./webgpu-adapter.js";
import { registerKernels } from "../kernels/register-kernels.js";

// Our missing and corrected kernels go into tfjs's registry before any backend runs.
registerKernels();

/** One backend as selection saw it. */
export interface CandidateReport {
  name: BackendName;
  /** Usable: its package loaded (and, for the selected one, it initialised). */
  found: boolean;
  /** Why not found, or why it was not tried. */
  reason?: string;
  version?: string;
  /** wasm only: SIMD build in use. */
  simd?: boolean;
  /** wasm only: worker threads (1 under Node). */
  threads?: number;
  /** webgpu only: the adapter Dawn found (also when it was not used). */
  adapter?: AdapterFacts;
}

/** Outcome of `selectBackend`. */
export interface BackendReport {
  /** Our name of the backend now active in tfjs. */
  selected: BackendName;
  /** Every candidate, best first. */
  candidates: CandidateReport[];
}

/**
 * tf.setBackend swallows initialisation errors and only console.warns them;
 * capture the warning so the report can say why a backend failed.
 */
async function trySetBackend(
  tfName: string,
): Promise<{ ok: boolean; reason?: string }> {
  const listeners = processListeners();
  try {
    return await setBackendCapturingWarnings(tfName);
  } finally {
    dropNewProcessListeners(listeners);
  }
}

type Listener = (...args: unknown[]) => void;
type Listeners = Record<"uncaughtException" | "unhandledRejection", Listener[]>;
const emitter = process as unknown as {
  listeners(e: string): Listener[];
  removeListener(e: string, l: Listener): void;
};

function processListeners(): Listeners {
  return {
    uncaughtException: emitter.listeners("uncaughtException"),
    unhandledRejection: emitter.listeners("unhandledRejection"),
  };
}

/**
 * Emscripten's wasm glue installs process handlers that rethrow every uncaught
 * error from inside the 30 kB minified module, so Node prints that whole line
 * instead of the user's stack trace. Remove whatever a backend's start-up added.
 */
function dropNewProcessListeners(before: Listeners): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    for (const l of emitter.listeners(event)) {
      if (!before[event].includes(l)) emitter.removeListener(event, l);
    }
  }
}

async function setBackendCapturingWarnings(
  tfName: string,
): Promise<{ ok: boolean; reason?: string }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(
      args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "),
    );
  };
  try {
    const ok = await tf.setBackend(tfName);
    if (ok) await tf.ready();
    return ok
      ? { ok }
      : {
          ok,
          reason:
            warnings.map((w) => firstLine(w)).join("; ") ||
            "initialisation failed",
        };
  } catch (err) {
    return { ok: false, reason: firstLine(err) };
  } finally {
    console.warn = warn;
  }
}

/** SIMD and thread facts of the wasm backend, read once it is initialised. */
export async function wasmDetails(): Promise<{
  simd: boolean;
  threads: number;
}> {
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  return { simd, threads: getThreadsCount() };
}

async function tryCandidate(
  c: Candidate,
  named: boolean,
): Promise<CandidateReport> {
  // A software GPU adapter is slower than wasm: used only when named.
  const probe = await c.probe({ allowSoftware: named });
  const report: CandidateReport = { name: c.name, ...probe };
  if (!probe.found) return report;
  const set = await trySetBackend(c.tfName);
  if (!set.ok)
    return {
      ...report,
      found: false,
      reason: `initialisation failed: ${set.reason}`,
    };
  if (c.name === "wasm") Object.assign(report, await wasmDetails());
  return report;
}

/**
 * Selects and initialises the best available tfjs backend: tfjs-node-gpu,
 * tfjs-node, webgpu, wasm, then the JS cpu backend. Native and WebGPU
 * backends are loaded with guarded dynamic imports, so missing optional
 * packages or native libraries only show up as reasons in the report.
 *
 * @param preferred a `--backend` name ("wasm", "cpu", "tfjs-node", aliases
 *   "node", "gpu", "js", ...): only that backend is tried, and failing to
 *   start it throws with the reason.
 */
export async function selectBackend(
  preferred?: string,
): Promise<BackendReport> {
  const wanted =
    preferred === undefined ? undefined : parseBackendName(preferred);
  const candidates: CandidateReport[] = [];
  let selected: BackendName | undefined;
  for (const c of CANDIDATES) {
    if (selected !== undefined || (wanted !== undefined && c.name !== wanted)) {
      candidates.push(untried(c, selected, wanted));
      continue;
    }
    const report = await tryCandidate(c, wanted === c.name);
    candidates.push(report);
    if (report.found) selected = c.name;
  }
  if (selected === undefined) {
    const why =
      candidates.find((c) => c.name === wanted)?.reason ??
      "no backend initialised";
    throw new Error(
      wanted !== undefined ? `backend ${wanted} is unavailable: ${why}` : why,
    );
  }
  return { selected, candidates };
}

/** A candidate skipped because another was chosen: say whether it is installed, without loading it. */
function untried(
  c: Candidate,
  selected: BackendName | undefined,
  wanted: BackendName | undefined,
): CandidateReport {
  const installed = c.installed();
  const because =
    selected !== undefined
      ? `${selected} selected first`
      : `--backend ${wanted} requested`;
  // Only backends without native code are known to work without loading them.
  const pure = c.name === "wasm" || c.name === "cpu";
  return {
    name: c.name,
    found: installed && pure,
    reason: `${installed ? "installed" : "not installed"}; not tried: ${because}`,
  };
}
