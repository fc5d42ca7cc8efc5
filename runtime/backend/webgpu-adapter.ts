/**
 * WebGPU in Node: installs Dawn (the `webgpu` npm package) as `navigator.gpu`
 * and describes the adapter it finds, so selection can tell a real GPU from a
 * software one (lavapipe, SwiftShader) that is slower than the wasm backend.
 */

/** The adapter fields this module reads (WebGPU's GPUAdapter, old and new spellings). */
export interface AdapterLike {
  /** GPUAdapterInfo (Dawn ≥ 2024 and the current spec). */
  info?: AdapterInfoLike;
  /** Older spelling of the fallback flag, on the adapter itself. */
  isFallbackAdapter?: boolean;
}

/** GPUAdapterInfo: every field may be empty. */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** What `dl doctor` says about an adapter. */
export interface AdapterFacts {
  /** A readable name: the driver's description, else vendor, architecture and device. */
  name: string;
  /** A CPU implementation (the fallback adapter, lavapipe/llvmpipe, SwiftShader). */
  software: boolean;
}

/** Known CPU implementations of Vulkan, for drivers that do not set the fallback flag. */
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|warp|software/i;

/** Names an adapter and says whether it runs on the CPU. */
export function adapterFacts(adapter: AdapterLike): AdapterFacts {
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device].filter(
    (p): p is string => p !== undefined && p !== "",
  );
  const name =
    info.description !== undefined && info.description !== ""
      ? info.description
      : parts.join(" ") || "unnamed adapter";
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    SOFTWARE_NAMES.test(`${name} ${parts.join(" ")}`);
  return { name, software };
}

/** The part of Dawn's GPU object this runtime calls. */
export interface DawnGPU {
  requestAdapter(): Promise<AdapterLike | null>;
}

interface DawnModule {
  create(flags: string[]): DawnGPU;
  globals?: Record<string, unknown>;
}

let installed: DawnGPU | undefined;

/**
 * Makes Dawn the `navigator.gpu` that tfjs-backend-webgpu reads, once per
 * process (a second Dawn instance would enumerate the devices again), and
 * returns it.
 */
export function installDawn(mod: Record<string, unknown>): DawnGPU {
  if (installed !== undefined) return installed;
  const dawn = mod as unknown as DawnModule;
  Object.assign(globalThis, dawn.globals ?? {});
  const gpu = dawn.create([]);
  const g = globalThis as unknown as { navigator?: Record<string, unknown> };
  // Node 20 has no navigator; Node ≥ 21 has a read-only one, hence defineProperty.
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, "navigator", {
      value: {},
      configurable: true,
      writable: true,
    });
  }
  Object.defineProperty(g.navigator!, "gpu", {
    value: gpu,
    configurable: true,
  });
  installed = gpu;
  return gpu;
}

/** Where Debian's chromium-common keeps SwiftShader's Vulkan driver: a hint when no adapter is found. */
export const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
