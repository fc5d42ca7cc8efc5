import * as tf from "@tensorflow/tfjs-core";

/**
 * Runs other kernels of one backend from inside a kernel function and frees
 * every intermediate it made, so composed kernels leak nothing.
 *
 * Kernel functions receive raw `TensorInfo`s that the engine does not track:
 * anything a composed kernel creates and does not return must be released with
 * `backend.disposeData`, or it stays in WebAssembly memory forever.
 */
export class KernelScope {
  private readonly made: tf.TensorInfo[] = [];

  constructor(
    private readonly backend: tf.KernelBackend,
    private readonly backendName: string,
  ) {}

  /** Calls kernel `name` of this scope's backend; the result is freed by `finish` unless kept. */
  call(
    name: string,
    inputs: tf.NamedTensorInfoMap,
    attrs: tf.NamedAttrMap = {},
  ): tf.TensorInfo {
    const kernel = tf.getKernel(name, this.backendName);
    if (kernel === undefined) {
      throw new Error(
        `kernel ${name} is not registered for backend ${this.backendName}`,
      );
    }
    const out = kernel.kernelFunc({ inputs, attrs, backend: this.backend });
    if (Array.isArray(out)) {
      throw new Error(
        `kernel ${name} returned several outputs; KernelScope.call expects one`,
      );
    }
    this.made.push(out);
    return out;
  }

  /** Makes `t` (allocated by the caller, e.g. with `makeOutput`) an intermediate of this scope. */
  adopt(t: tf.TensorInfo): tf.TensorInfo {
    this.made.push(t);
    return t;
  }

  /** Frees intermediate `t` now (it must not be used afterwards). */
  release(t: tf.TensorInfo): void {
    const i = this.made.indexOf(t);
    if (i < 0) throw new Error("KernelScope.release: not an intermediate of this scope");
    this.made.splice(i, 1);
    this.backend.disposeData(t.dataId);
  }

  /** Frees every intermediate except `keep` (reshapes share data through reference counts). */
  finish(keep: tf.TensorInfo | null): void {
    for (const t of this.made) {
      if (t !== keep) this.backend.disposeData(t.dataId);
    }
    this.made.length = 0;
  }
}

/**
 * Runs `body` with a fresh scope and returns its result; intermediates are freed
 * whether `body` returns or throws.
 */
export function composed(
  backend: tf.KernelBackend,
  backendName: string,
  body: (s: KernelScope) => tf.TensorInfo,
): tf.TensorInfo {
  const scope = new KernelScope(backend, backendName);
  let out: tf.TensorInfo | null = null;
  try {
    out = body(scope);
    return out;
  } finally {
    scope.finish(out);
  }
}
