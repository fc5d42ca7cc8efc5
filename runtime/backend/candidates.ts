import * as tf from "@tensorflow/tfjs-core";
import { version_wasm } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { configureWasm, requestedWasmThreads } from "./wasm-setup.js";
import { firstLine } from "./errors.js";
import {
  adapterFacts,
  installDawn,
  SWIFTSHADER_ICD,
  type AdapterFacts,
} from "./webgpu-adapter.js";

/** Our names for the backends, best first. */
export const BACKEND_NAMES = [
  "tfjs-node-gpu",
  "tfjs-node",
  "webgpu",
  "wasm",
  "cpu",
] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What one probe learnt about a backend. */
export interface Probe {
  found: boolean;
  reason?: string;
  version?: string;
  /** webgpu only: the adapter found, also when it was not used. */
  adapter?: AdapterFacts;
}

/** How a probe may decide. */
export interface ProbeOptions {
  /** The user named this backend: a software GPU adapter is acceptable. */
  allowSoftware?: boolean;
}

/** A backend we can try: how to load it and the name tfjs registers it under. */
export interface Candidate {
  name: BackendName;
  /** Name passed to tf.setBackend. */
  tfName: string;
  /** Loads the backend's package (registering it with tfjs) without switching to it. */
  probe(options?: ProbeOptions): Promise<Probe>;
  /** Cheap check that never loads native code: is the package installed at all? */
  installed(): boolean;
}

const require = createRequire(import.meta.url);

function resolvable(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** A package's version from its package.json ("?" when unreadable). */
function packageVersion(pkg: string): string {
  try {
    return String(
      (require(`${pkg}/package.json`) as { version?: string }).version ?? "?",
    );
  } catch {
    return "?";
  }
}

/**
 * Imports a package whose name is only known at run time: the native packages
 * are optional dependencies, so a static import would make TypeScript and the
 * loader require them. Failures come back as a reason, never as a throw.
 */
async function importOptional(
  pkg: string,
): Promise<{ mod?: Record<string, unknown>; reason?: string }> {
  try {
    const mod = (await import(pkg)) as Record<string, unknown>;
    return { mod };
  } catch (err) {
    return { reason: `cannot load ${pkg}: ${firstLine(err)}` };
  }
}

/** tfjs-node and tfjs-node-gpu both register backend "tensorflow" on their tfjs-core. */
function nativeCandidate(name: "tfjs-node-gpu" | "tfjs-node"): Candidate {
  const pkg = `@tensorflow/${name}`;
  return {
    name,
    tfName: "tensorflow",
    installed: () => resolvable(pkg),
    async probe() {
      if (!resolvable(pkg)) {
        return {
          found: false,
          reason: `${pkg} is not installed (optional dependency; its install downloads libtensorflow)`,
        };
      }
      const { mod, reason } = await importOptional(pkg);
      if (mod === undefined) return { found: false, reason };
      if (tf.findBackend("tensorflow") === null) {
        // Loaded, but it registered on another copy of tfjs-core than ours.
        return {
          found: false,
          reason: `${pkg} loaded but registered on a different @tensorflow/tfjs-core copy`,
        };
      }
      const versions = (mod["version"] ?? {}) as Record<string, string>;
      return { found: true, version: versions[name] ?? versions["tfjs-node"] };
    },
  };
}

/**
 * WebGPU in Node needs Dawn's bindings (the `webgpu` npm package) and an
 * adapter. A software adapter (lavapipe, SwiftShader) is slower than wasm, so
 * it is only used when asked for by name (`allowSoftware`).
 */
const webgpuCandidate: Candidate = {
  name: "webgpu",
  tfName: "webgpu",
  installed: () =>
    resolvable("webgpu") && resolvable("@tensorflow/tfjs-backend-webgpu"),
  async probe(options = {}) {
    if (!resolvable("webgpu")) {
      return {
        found: false,
        reason:
          "the `webgpu` package (Dawn bindings for Node) is not installed",
      };
    }
    const dawn = await importOptional("webgpu");
    if (dawn.mod === undefined) return { found: false, reason: dawn.reason };
    let adapter: AdapterFacts;
    try {
      const found = await installDawn(dawn.mod).requestAdapter();
      if (found == null)
        return {
          found: false,
          reason: `Dawn loaded but found no WebGPU adapter (no Vulkan driver Dawn accepts; for a software one set VK_ICD_FILENAMES=${SWIFTSHADER_ICD} from Debian's chromium-common, or see .ci/software-vulkan.sh)`,
        };
      adapter = adapterFacts(found);
    } catch (err) {
      return { found: false, reason: `WebGPU setup failed: ${firstLine(err)}` };
    }
    if (adapter.software && options.allowSoftware !== true) {
      return {
        found: false,
        adapter,
        reason:
          "the only adapter runs on the CPU, slower than wasm: used only when asked for (--backend webgpu)",
      };
    }
    // Imported only now: the package registers backend "webgpu" with a higher priority than wasm.
    const backend = await importOptional("@tensorflow/tfjs-backend-webgpu");
    if (backend.mod === undefined)
      return { found: false, adapter, reason: backend.reason };
    return {
      found: true,
      adapter,
      version: `${packageVersion("@tensorflow/tfjs-backend-webgpu")}, Dawn from webgpu ${packageVersion("webgpu")}`,
    };
  },
};

const wasmCandidate: Candidate = {
  name: "wasm",
  tfName: "wasm",
  installed: () => true,
  async probe() {
    if (typeof WebAssembly !== "object")
      return { found: false, reason: "this runtime has no WebAssembly" };
    // A bad DL_WASM_THREADS is said once and costs speed only, never the backend.
    let threads = 1;
    try {
      threads = requestedWasmThreads();
    } catch (err) {
      console.warn(`warning: ${firstLine(err)}; using 1 thread`);
    }
    try {
      configureWasm({ threads });
    } catch (err) {
      return { found: false, reason: `wasm setup failed: ${firstLine(err)}` };
    }
    return { found: true, version: version_wasm };
  },
};

const cpuCandidate: Candidate = {
  name: "cpu",
  tfName: "cpu",
  installed: () => true,
  async probe() {
    return { found: true, version: tf.version_core };
  },
};

/** Every candidate, best first. */
export const CANDIDATES: readonly Candidate[] = [
  nativeCandidate("tfjs-node-gpu"),
  nativeCandidate("tfjs-node"),
  webgpuCandidate,
  wasmCandidate,
  cpuCandidate,
];

const ALIASES: Record<string, BackendName> = {
  "tfjs-node-gpu": "tfjs-node-gpu",
  "node-gpu": "tfjs-node-gpu",
  gpu: "tfjs-node-gpu",
  cuda: "tfjs-node-gpu",
  "tfjs-node": "tfjs-node",
  node: "tfjs-node",
  native: "tfjs-node",
  tensorflow: "tfjs-node",
  webgpu: "webgpu",
  wasm: "wasm",
  cpu: "cpu",
  js: "cpu",
};

/** Maps a user's `--backend` value to a candidate name; throws listing the valid names. */
export function parseBackendName(name: string): BackendName {
  const found = ALIASES[name.trim().toLowerCase()];
  if (found === undefined) {
    throw new Error(
      `unknown backend "${name}"; choose one of ${BACKEND_NAMES.join(", ")}`,
    );
  }
  return found;
}
