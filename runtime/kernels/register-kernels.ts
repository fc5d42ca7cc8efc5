import * as tf from "@tensorflow/tfjs-core";
import { ADAM_UPDATE, adamUpdateCpu, adamUpdateWasm } from "./adam-update.js";
import { avgPoolGradWasm } from "./avg-pool-grad.js";
import { avgPoolGradGradient } from "./avg-pool-grad-grad.js";
import { batchMatMulWasm, setInnerBatchMatMul } from "./batch-mat-mul.js";
import { conv2DBackpropFilterWasm } from "./conv2d-backprop-filter.js";
import { conv2DBackpropInputWasm, setInnerConv2DBackpropInput } from "./conv2d-backprop-input.js";
import { depthwiseBackpropFilterWasm } from "./depthwise-backprop-filter.js";
import { depthwiseBackpropInputWasm } from "./depthwise-backprop-input.js";
import { maxPoolGradWasm } from "./max-pool-grad.js";
import { resizeNearestGrad } from "./resize-nearest-grad.js";
import { unsortedSegmentSumWasm } from "./unsorted-segment-sum.js";

/** Marks the wasm kernel wrappers registered by any copy of the runtime (see registerKernels). */
const WRAPPED = Symbol.for("dl-lang.wasmKernelWrapper");

/** Training kernels tfjs-backend-wasm 4.22 lacks, and ours that fill each gap. */
export const WASM_EXTRA_KERNELS: ReadonlyArray<{
  name: string;
  kernelFunc: tf.KernelFunc;
}> = [
  {
    name: "Conv2DBackpropFilter",
    kernelFunc: conv2DBackpropFilterWasm as unknown as tf.KernelFunc,
  },
  {
    name: "DepthwiseConv2dNativeBackpropFilter",
    kernelFunc: depthwiseBackpropFilterWasm as unknown as tf.KernelFunc,
  },
  {
    name: "DepthwiseConv2dNativeBackpropInput",
    kernelFunc: depthwiseBackpropInputWasm as unknown as tf.KernelFunc,
  },
  {
    name: "UnsortedSegmentSum",
    kernelFunc: unsortedSegmentSumWasm as unknown as tf.KernelFunc,
  },
];

/**
 * Kernels of tfjs 4.22 that give wrong results, and our replacements. wasm's
 * MaxPoolGrad drops the gradient of windows whose maximum is ≤ 0 (see
 * max-pool-grad.ts); cpu's ResizeNearestNeighborGrad is wrong for batch > 1
 * (see resize-nearest-grad.ts; wasm's is replaced too, so both share one rule).
 * wasm's Conv2DBackpropInput is right but a plain loop nest, the slowest kernel of a ResNet
 * step: ours runs on XNNPACK (see conv2d-backprop-input.ts); its AvgPoolGrad is slow too.
 */
export const REPLACED_KERNELS: ReadonlyArray<{
  name: string;
  backend: "wasm" | "cpu";
  kernelFunc: tf.KernelFunc;
}> = [
  {
    name: "MaxPoolGrad",
    backend: "wasm",
    kernelFunc: maxPoolGradWasm as unknown as tf.KernelFunc,
  },
  {
    name: "AvgPoolGrad",
    backend: "wasm",
    kernelFunc: avgPoolGradWasm as unknown as tf.KernelFunc,
  },
  {
    name: "ResizeNearestNeighborGrad",
    backend: "wasm",
    kernelFunc: resizeNearestGrad as unknown as tf.KernelFunc,
  },
  {
    name: "ResizeNearestNeighborGrad",
    backend: "cpu",
    kernelFunc: resizeNearestGrad as unknown as tf.KernelFunc,
  },
];

/** Fused kernels of our own (no tfjs kernel has these names), used by the optimizers. */
export const FUSED_KERNELS: ReadonlyArray<{
  name: string;
  backend: "wasm" | "cpu";
  kernelFunc: tf.KernelFunc;
}> = [
  { name: ADAM_UPDATE, backend: "wasm", kernelFunc: adamUpdateWasm as unknown as tf.KernelFunc },
  { name: ADAM_UPDATE, backend: "cpu", kernelFunc: adamUpdateCpu as unknown as tf.KernelFunc },
];

const ours = new Set<tf.KernelFunc>(
  [...WASM_EXTRA_KERNELS, ...REPLACED_KERNELS].map((k) => k.kernelFunc),
);

/**
 * Registers the missing training kernels for backend "wasm" and replaces the
 * broken ones (on wasm and cpu). Idempotent; a missing kernel that a future tfjs-backend-wasm
 * ships itself is left alone. Registration touches only tfjs's kernel
 * registry, so it may run before the backend starts.
 *
 * @returns the names of the kernels registered by this call.
 */
export function registerKernels(): string[] {
  const added: string[] = [];
  for (const k of WASM_EXTRA_KERNELS) {
    if (tf.getKernel(k.name, "wasm") !== undefined) continue;
    tf.registerKernel({
      kernelName: k.name,
      backendName: "wasm",
      kernelFunc: k.kernelFunc,
    });
    added.push(k.name);
  }
  for (const k of FUSED_KERNELS) {
    if (tf.getKernel(k.name, k.backend) !== undefined) continue;
    tf.registerKernel({ kernelName: k.name, backendName: k.backend, kernelFunc: k.kernelFunc });
    added.push(`${k.name} (${k.backend})`);
  }
  // Gradients are global (not per backend): add the second-order ones tfjs lacks.
  if (tf.getGradient(avgPoolGradGradient.kernelName) === undefined) {
    tf.registerGradient(avgPoolGradGradient);
    added.push(`gradient of ${avgPoolGradGradient.kernelName}`);
  }
  // Wrapped rather than replaced: ours call wasm's own kernels (without transposes; where cheaper).
  // Each wrapper carries a mark shared by every copy of this module (a program may load the
  // runtime twice, say as source and as the build): one copy must never wrap another's wrapper,
  // or each would call the other without end.
  for (const [name, ours, setInner] of [
    ["BatchMatMul", batchMatMulWasm, setInnerBatchMatMul],
    ["Conv2DBackpropInput", conv2DBackpropInputWasm, setInnerConv2DBackpropInput],
  ] as const) {
    const current = tf.getKernel(name, "wasm");
    if (current === undefined || WRAPPED in current.kernelFunc) continue;
    const call = ours as unknown as tf.KernelFunc;
    const kernelFunc = Object.assign((args: Parameters<tf.KernelFunc>[0]) => call(args), { [WRAPPED]: name }) as tf.KernelFunc;
    setInner(current.kernelFunc);
    tf.unregisterKernel(name, "wasm");
    // wasm's setup binds the C++ function the wrapped kernel calls.
    tf.registerKernel({ kernelName: name, backendName: "wasm", kernelFunc, setupFunc: current.setupFunc });
    added.push(`${name} (wasm, wrapped)`);
  }
  for (const k of REPLACED_KERNELS) {
    const current = tf.getKernel(k.name, k.backend);
    if (current !== undefined && ours.has(current.kernelFunc)) continue;
    if (current !== undefined) tf.unregisterKernel(k.name, k.backend);
    tf.registerKernel({
      kernelName: k.name,
      backendName: k.backend,
      kernelFunc: k.kernelFunc,
    });
    added.push(`${k.name} (${k.backend})`);
  }
  return added;
}
