/**
 * Starts the webgpu backend for the GPU tests. Without a GPU (a CI machine),
 * Dawn needs a software Vulkan: lavapipe from mesa 25 as .ci/software-vulkan.sh
 * installs it, else SwiftShader from Debian's chromium-common. Under CI=true a
 * missing adapter is a failure; elsewhere the tests skip and say what to install.
 */
import { existsSync } from "node:fs";
import {
  selectBackend,
  type CandidateReport,
} from "../../runtime/backend/index.js";

/** Software Vulkan drivers Dawn accepts, fastest first. */
export const SOFTWARE_ICDS = [
  "/etc/vulkan/icd.d/dl-lavapipe-mesa25.json",
  "/usr/lib/chromium/vk_swiftshader_icd.json",
];

/** What to install when no adapter is found (the skip message). */
export const GPU_PACKAGES =
  "npm `webgpu` (optional dependency) and a Vulkan driver Dawn accepts: run .ci/software-vulkan.sh " +
  "(libvulkan1 + lavapipe from mesa 25, bookworm-backports) or apt-get install chromium libvulkan1 " +
  "(SwiftShader in chromium-common)";

/** Outcome of starting webgpu: the adapter, or why there is none. */
export interface WebGPUStart {
  ok: boolean;
  adapter?: CandidateReport["adapter"];
  icd?: string;
  reason?: string;
}

let started: Promise<WebGPUStart> | undefined;

/**
 * Points the Vulkan loader at a software driver (only where the user set none
 * and no NVIDIA device exists, so a real GPU is never hidden) and selects the
 * webgpu backend. Once per process; leaves webgpu active.
 */
export function startWebGPU(): Promise<WebGPUStart> {
  started ??= (async () => {
    if (
      process.env.VK_ICD_FILENAMES === undefined &&
      !existsSync("/dev/nvidia0")
    ) {
      const icd = SOFTWARE_ICDS.find((p) => existsSync(p));
      // Only this driver: Debian's own lavapipe (mesa 22) fails Dawn's checks and warns.
      if (icd !== undefined) process.env.VK_ICD_FILENAMES = icd;
    }
    const icd = process.env.VK_ICD_FILENAMES;
    try {
      const report = await selectBackend("webgpu");
      const webgpu = report.candidates.find((c) => c.name === "webgpu");
      return { ok: true, adapter: webgpu?.adapter, icd };
    } catch (err) {
      return { ok: false, icd, reason: (err as Error).message };
    }
  })();
  return started;
}

/** Under CI a missing GPU fails the suite; elsewhere it skips it. */
export const gpuRequired = process.env.CI === "true" || process.env.CI === "1";
