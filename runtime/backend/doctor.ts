import * as tf from "@tensorflow/tfjs-core";
import { CANDIDATES, type BackendName } from "./candidates.js";
import { NEEDED_KERNELS } from "./needed-kernels.js";
import { selectBackend, type CandidateReport } from "./select.js";

/** Kernels of `needed` that backend `tfName` has no implementation for. */
export function missingKernels(
  tfName: string,
  needed: readonly string[] = NEEDED_KERNELS,
): string[] {
  return needed.filter((k) => tf.getKernel(k, tfName) === undefined);
}

/**
 * Kernels of `needed` without a registered gradient. Gradients are global in
 * tfjs (one per kernel name), so this does not depend on the backend; kernels
 * that are only ever called by gradients (…Backprop…, …Grad) are not listed.
 */
export function missingGradients(
  needed: readonly string[] = NEEDED_KERNELS,
): string[] {
  return needed.filter(
    (k) => !isBackwardOnly(k) && tf.getGradient(k) === undefined,
  );
}

/**
 * Kernels that need no registered gradient: those only called by gradients or
 * on integers/booleans, and the fused ops, whose ops differentiate themselves
 * with tf.customGrad.
 */
function isBackwardOnly(kernel: string): boolean {
  if (kernel === "FusedConv2D" || kernel === "_FusedMatMul") return true;
  return /Backprop|Grad$|^(Step|Select|Greater|GreaterEqual|Less|LessEqual|Equal|ArgMax|IsNan|IsInf|ZerosLike|OnesLike|Fill|Sign|OneHot)$/.test(
    kernel,
  );
}

/**
 * `dl doctor`: which backends exist here, why the others do not, their
 * versions, SIMD and threads, and which needed kernels each usable backend
 * lacks. Selects the best backend as a side effect (and leaves it active).
 */
export async function doctor(preferred?: string): Promise<string> {
  const report = await selectBackend(preferred);
  const lines: string[] = [
    `tfjs-core ${tf.version_core}; selected backend: ${report.selected}`,
    "",
  ];
  // Backends selection skipped are loaded now, so the report says whether they would work.
  for (const c of report.candidates) {
    const full = c.reason?.includes("not tried")
      ? await probeQuietly(c.name)
      : c;
    lines.push(...describe(full, full.name === report.selected));
  }
  const grads = missingGradients();
  lines.push(
    "",
    grads.length === 0
      ? "gradients: every needed kernel has one"
      : `no gradient in tfjs ${tf.version_core} (keep out of training code): ${grads.join(", ")}`,
  );
  return lines.join("\n");
}

async function probeQuietly(name: BackendName): Promise<CandidateReport> {
  const c = CANDIDATES.find((x) => x.name === name)!;
  // tfjs-node and tfjs-node-gpu share the "tensorflow" name: never load both.
  if (c.tfName === "tensorflow" && tf.findBackend("tensorflow") !== null) {
    return {
      name,
      found: false,
      reason:
        "not loaded: another native package already provides backend tensorflow",
    };
  }
  const probe = await c.probe();
  const report: CandidateReport = { name, ...probe };
  if (probe.found && name === "wasm") {
    report.simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
    report.threads = 1;
  }
  return report;
}

function describe(c: CandidateReport, selected: boolean): string[] {
  const head = `${selected ? "*" : " "} ${c.name.padEnd(14)} ${c.found ? "found" : "not found"}`;
  const facts = [
    c.version !== undefined ? `version ${c.version}` : undefined,
    c.simd !== undefined ? `SIMD ${c.simd ? "on" : "off"}` : undefined,
    c.threads !== undefined
      ? `${c.threads} thread${c.threads === 1 ? "" : "s"}`
      : undefined,
  ].filter((x): x is string => x !== undefined);
  const out = [head + (facts.length > 0 ? ` (${facts.join(", ")})` : "")];
  if (c.adapter !== undefined)
    out.push(
      `      adapter: ${c.adapter.name}${c.adapter.software ? " (software fallback, runs on the CPU)" : " (hardware)"}`,
    );
  if (c.reason !== undefined && !c.found) out.push(`      why: ${c.reason}`);
  if (c.found) {
    const tfName = CANDIDATES.find((x) => x.name === c.name)!.tfName;
    const missing = missingKernels(tfName);
    out.push(
      missing.length === 0
        ? `      kernels: all ${NEEDED_KERNELS.length} needed kernels present`
        : `      kernels missing (${missing.length}/${NEEDED_KERNELS.length}): ${missing.join(", ")}`,
    );
  }
  return out;
}
