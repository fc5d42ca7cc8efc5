/**
 * How much memory a backend can give one training step, and the errors when a step needs more.
 * The compiler estimates a step's memory from the program (weights, gradients, optimizer state,
 * activations for the batch); `dl check` warns and `dl run` refuses before allocating when the
 * estimate is over the backend's limit, and an out-of-memory abort of the wasm module becomes
 * the same clear error instead of an internal one. Imports nothing, so the compiler can read it.
 */

/**
 * Bytes a backend can address, where it has a fixed limit. tfjs-backend-wasm 4.22 declares a
 * 4 GiB heap (emscripten's getHeapMax is 4294901760) but its JavaScript side reads addresses as
 * signed 32-bit numbers, so the heap stops at 2 GiB: measured, holding 1.75 GiB of tensors and
 * allocating 0.5 GiB more ends in `Aborted()` (a bigger model in `memory access out of bounds`).
 * The GPU backends are bounded by the device, and cpu by the machine: no fixed limit.
 */
export const backendMemoryLimits: Readonly<Record<string, number>> = { wasm: 2 ** 31 };

/** The compiler's estimate of one training step, as `dl run` passes it to the runtime. */
export interface StepMemory {
  /** Everything, in bytes. */
  bytes: number;
  /** `9.3 GiB (weights 330 MiB, ..., activations for a batch of 64: 8.1 GiB)`. */
  detail: string;
  /** Bytes that do not depend on the batch size. */
  fixedBytes: number;
  /** Activation bytes per example of the batch. */
  perExampleBytes: number;
  batch: number;
}

/** A step that cannot fit the backend: the estimate, the limit and what to change. */
export class BackendMemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendMemoryError";
  }
}

/** The largest batch (a power of two, at most the current one) whose estimate fits in `limit`, if any. */
export function batchThatFits(m: StepMemory, limit: number): number | undefined {
  const room = limit - m.fixedBytes;
  if (room <= 0 || m.perExampleBytes <= 0) return undefined;
  const most = Math.floor(room / m.perExampleBytes);
  if (most < 1) return undefined;
  return 2 ** Math.floor(Math.log2(Math.min(most, m.batch)));
}

/** Bytes as people read them: `1.4 GiB`, `320 MiB`, `12 KiB`. */
export function formatBytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v >= 100 ? Math.round(v) : +v.toFixed(1)} ${units[u]}`;
}

/** What to change so the step fits `backend`: a smaller batch that fits, and a backend without the limit. */
export function memoryAdvice(m: StepMemory | undefined, backend: string): string {
  const limit = backendMemoryLimits[backend];
  const fits = m && limit !== undefined ? batchThatFits(m, limit) : undefined;
  const other = "run it on a GPU backend (--backend webgpu, or tfjs-node-gpu where installed)";
  if (fits && m && fits < m.batch) return `batch by ${fits} (batch(${fits}) needs about ${formatBytes(m.fixedBytes + fits * m.perExampleBytes)}) or ${other}`;
  return m && limit !== undefined && !fits ? `even one example per batch does not fit: ${other}` : `lower the batch size or ${other}`;
}

/**
 * Refuses a step whose estimate is over the backend's limit, before anything is allocated.
 * Returns quietly when it fits or the backend has no fixed limit.
 */
export function checkStepMemory(backend: string, m: StepMemory | undefined): void {
  const limit = backendMemoryLimits[backend];
  if (!m || limit === undefined || m.bytes <= limit) return;
  throw new BackendMemoryError(
    `one training step needs about ${m.detail}, more than the ${formatBytes(limit)} the ${backend} backend can address; ${memoryAdvice(m, backend)}`,
  );
}

/**
 * The clear error for a backend that ran out of memory mid-run (the wasm module's `Aborted()` or
 * `memory access out of bounds`), or undefined when `err` is something else.
 */
export function outOfMemory(err: unknown, backend: string, m?: StepMemory): BackendMemoryError | undefined {
  if (err instanceof BackendMemoryError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const wasmAbort = backend === "wasm" && (/^Aborted\(/.test(message) || /memory access out of bounds/.test(message) || /offset is out of bounds/.test(message));
  if (!wasmAbort) return undefined;
  const limit = backendMemoryLimits[backend];
  const estimate = m ? `; the step was estimated at about ${m.detail}` : "";
  return new BackendMemoryError(
    `the ${backend} backend ran out of memory (${message.split("\n")[0]!.replace(/\. Build with -sASSERTIONS.*$/, "")})` +
      (limit !== undefined ? `: it can address at most ${formatBytes(limit)}` : "") +
      `${estimate}; ${memoryAdvice(m, backend)}`,
  );
}
