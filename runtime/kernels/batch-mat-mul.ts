import * as tf from "@tensorflow/tfjs-core";
import { composed } from "./kernel-scope.js";

let inner: tf.KernelFunc | undefined;

/**
 * Remembers tfjs-backend-wasm's own BatchMatMul, which `batchMatMulWasm` calls. Called by
 * registerKernels before it replaces the kernel.
 */
export function setInnerBatchMatMul(kernelFunc: tf.KernelFunc): void {
  inner = kernelFunc;
}

/**
 * BatchMatMul for the wasm backend around tfjs-backend-wasm 4.22's own: that one sends any
 * transposed operand to a scalar loop instead of XNNPACK, ~10× slower, and every dense layer's
 * backward pass asks for one (dx = dy·Wᵀ, dW = xᵀ·dy). A transposed operand is transposed
 * explicitly here (wasm's Transpose kernel, one pass over it) and the product runs untransposed.
 */
export function batchMatMulWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  if (inner === undefined) throw new Error("BatchMatMul (dl-lang wasm kernel): registerKernels has not run");
  const run = inner;
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA = false, transposeB = false } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
  if (!transposeA && !transposeB) return run(args) as tf.TensorInfo;
  return composed(args.backend, "wasm", (s) => {
    const swapLast = (t: tf.TensorInfo) => {
      const perm = t.shape.map((_, i) => i);
      perm[perm.length - 1] = perm.length - 2;
      perm[perm.length - 2] = perm.length - 1;
      return s.call("Transpose", { x: t }, { perm });
    };
    const ta = transposeA ? swapLast(a) : a;
    const tb = transposeB ? swapLast(b) : b;
    const out = run({
      inputs: { a: ta, b: tb },
      backend: args.backend,
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
    return s.adopt(out);
  });
}
