/**
 * `StepContext`: what a loop body receives as `s`. Losses are summed on the device; the engine
 * reads the sums only when it refreshes the progress display or ends an epoch, so a step costs no
 * host sync (except with `trace`).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Optimizer } from "../optim/optimizer.js";
import { TrainingError } from "./errors.js";
import type { SourceLocation } from "./types.js";
import type { AccumulatorState } from "../checkpoint/checkpoint.js";

interface Accumulator {
  sum: tf.Scalar;
  count: number;
  loc: SourceLocation;
}

export type { AccumulatorState } from "../checkpoint/checkpoint.js";

/** The `s` of `loop.step(batch, s)`. */
export class StepContext {
  /** Loop steps done before this one (global). */
  step = 0;
  /** Epoch in progress, from 0. */
  epoch = 0;
  private readonly sums = new Map<string, Accumulator>();
  /** Step at which the sums were last read and found finite. */
  private checkedAt = 0;
  private readonly traced: { step: number; name: string; value: number }[] = [];
  /** Traced losses not read yet: read together by `settle()` (or on the first look at `trace`). */
  private pending: { index: number; value: tf.Scalar }[] = [];

  constructor(
    private readonly source: string,
    private readonly tracing = false,
  ) {}

  /**
   * One optimizer update minimizing `fn()`; the loss is recorded under `name` for progress,
   * history and NaN reports that point at `loc` in the `.dl` source.
   */
  minimize(opt: Optimizer, name: string, loc: SourceLocation, fn: () => tf.Scalar): void {
    opt.epoch = this.epoch;
    const loss = opt.minimize(fn);
    this.record(name, loss, loc);
    loss.dispose();
  }

  /** Runs `fn` `n` times (critic steps of a WGAN). */
  repeat(n: number, fn: (i: number) => void): void {
    for (let i = 0; i < n; i++) fn(i);
  }

  /**
   * The loop's next batch, or undefined when the epoch's data is exhausted. The engine sets it
   * for each epoch; batches it returns are counted as consumed and freed with the step.
   */
  draw?: () => tf.Tensor[] | undefined;
  /** Batches drawn by `repeatFresh` so far (a test hook; the engine counts them into its position). */
  drawn = 0;

  /**
   * `repeat n fresh { ... }`: runs `fn` up to `n` times, the first with `batch` (the loop's), each
   * later one with the next batch of the loop's data. When the data runs out the repeat stops
   * early and the step goes on (the statements after the repeat run); the epoch then ends.
   */
  repeatFresh(n: number, batch: tf.Tensor[], fn: (batch: tf.Tensor[], i: number) => void): void {
    for (let i = 0; i < n; i++) {
      const b = i === 0 ? batch : this.draw?.();
      if (!b) break;
      if (i > 0) this.drawn++;
      fn(b, i);
    }
  }

  /** Adds a scalar to the running mean `name` without optimizing (a training metric). */
  record(name: string, value: tf.Scalar, loc: SourceLocation = { line: 0, column: 0 }): void {
    if (this.tracing) {
      // Read later: webgpu in Node has no synchronous read (its readSync needs OffscreenCanvas).
      this.pending.push({ index: this.traced.length, value: tf.keep(tf.clone(value)) });
      this.traced.push({ step: this.step + 1, name, value: NaN });
    }
    const acc = this.sums.get(name);
    // tf.keep: the step runs inside tf.tidy, and the running sum must outlive it.
    const next = tf.keep(acc ? tf.add(acc.sum, value) : tf.clone(value)) as tf.Scalar;
    if (acc) {
      acc.sum.dispose();
      acc.sum = next;
      acc.count++;
    } else this.sums.set(name, { sum: next, count: 1, loc });
  }

  /** Every traced loss (with `trace`), in order. Reads pending ones synchronously: call `settle()` first on webgpu. */
  get trace(): { step: number; name: string; value: number }[] {
    for (const p of this.pending) this.traced[p.index]!.value = p.value.dataSync()[0]!;
    this.dropPending();
    return this.traced;
  }

  /**
   * Downloads the running sums and traced losses from the device, so the synchronous reads
   * that follow (`read`, `save`, `trace`) work on every backend: tfjs caches downloaded values,
   * and webgpu in Node can only download asynchronously.
   */
  async settle(): Promise<void> {
    const values = await Promise.all(this.pending.map((p) => p.value.data()));
    this.pending.forEach((p, i) => (this.traced[p.index]!.value = values[i]![0]!));
    this.dropPending();
    await Promise.all([...this.sums.values()].map((acc) => acc.sum.data()));
  }

  /** `read()` after `settle()`: what the engine calls. */
  async readAsync(): Promise<Record<string, number>> {
    await this.settle();
    return this.read();
  }

  /** `save()` after `settle()`. */
  async saveAsync(): Promise<Record<string, AccumulatorState>> {
    await this.settle();
    return this.save();
  }

  private dropPending(): void {
    for (const p of this.pending) p.value.dispose();
    this.pending = [];
  }

  /** Reads the running means (one host sync) and throws `TrainingError` on NaN or Infinity. */
  read(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, acc] of this.sums) {
      if (acc.count === 0) continue;
      const mean = acc.sum.dataSync()[0]! / acc.count;
      if (!Number.isFinite(mean)) throw new TrainingError(this.source, acc.loc, name, mean, [this.checkedAt + 1, this.step]);
      out[name] = mean;
    }
    this.checkedAt = this.step;
    return out;
  }

  /** The sums as numbers, for a checkpoint. */
  save(): Record<string, AccumulatorState> {
    const out: Record<string, AccumulatorState> = {};
    for (const [name, acc] of this.sums) out[name] = { sum: acc.sum.dataSync()[0]!, count: acc.count, loc: acc.loc };
    return out;
  }

  /** Restores `save()` output (after a resume in the middle of an epoch). */
  load(state: Record<string, AccumulatorState>): void {
    this.dispose();
    for (const [name, a] of Object.entries(state)) this.sums.set(name, { sum: tf.scalar(a.sum), count: a.count, loc: a.loc });
  }

  /** Starts new running means (at each epoch); keeps one tensor per loss, so counts stay flat. */
  reset(): void {
    for (const acc of this.sums.values()) {
      acc.sum.dispose();
      acc.sum = tf.scalar(0);
      acc.count = 0;
    }
  }

  /** Frees the sums (end of run); traced losses not read yet are lost. */
  dispose(): void {
    this.dropPending();
    for (const acc of this.sums.values()) acc.sum.dispose();
    this.sums.clear();
  }
}
