/**
 * Progress output. On a TTY one line is redrawn (bar, step, ETA, running loss); otherwise plain
 * lines are printed at most every `plainEverySeconds`, so logs stay readable. At the end of an
 * epoch both print a Keras-like line: `Epoch 1/3 - 938/938 - 12s 13ms/step - loss: 0.2 - ...`.
 */
import { formatDuration, formatMetrics } from "./format.js";

/** Where progress lines go; `quiet` silences everything. */
export interface ProgressOptions {
  stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean; columns?: number };
  quiet?: boolean;
  plainEverySeconds?: number;
}

/** Prints training progress for one run. */
export class Progress {
  private readonly stream: NonNullable<ProgressOptions["stream"]>;
  private readonly tty: boolean;
  private lastPlain = 0;
  private epochStart = 0;

  constructor(private readonly options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    this.tty = Boolean(this.stream.isTTY);
  }

  /** How often (ms) the engine should read running losses for this output. */
  get refreshMs(): number {
    return this.tty ? 200 : (this.options.plainEverySeconds ?? 15) * 1000;
  }

  /** Prints a free-form line (backend, parameter counts, resume notices). */
  note(line: string): void {
    if (!this.options.quiet) this.write(`${line}\n`);
  }

  /** Marks the start of an epoch (1-based for display). */
  startEpoch(epoch: number, epochs: number): void {
    this.epochStart = Date.now();
    this.lastPlain = this.epochStart;
    if (!this.options.quiet && !this.tty) this.write(`Epoch ${epoch}/${epochs}\n`);
  }

  /** Updates the running display after `done` of `total` batches of the epoch. */
  update(epoch: number, epochs: number, done: number, total: number, running: Record<string, number>): void {
    if (this.options.quiet) return;
    const elapsed = (Date.now() - this.epochStart) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    const head = `Epoch ${epoch}/${epochs} ${String(done).padStart(String(total).length)}/${total}`;
    const tail = ` ETA ${formatDuration(eta)}${formatMetrics(running)}`;
    if (this.tty) {
      const width = Math.max(10, Math.min(30, ((this.stream as { columns?: number }).columns ?? 80) - head.length - tail.length - 4));
      const filled = Math.round((width * done) / Math.max(total, 1));
      this.write(`\r${head} [${"=".repeat(filled)}${filled < width ? ">" : ""}${".".repeat(Math.max(0, width - filled - 1))}]${tail}\x1b[K`);
    } else if (Date.now() - this.lastPlain >= this.refreshMs) {
      this.lastPlain = Date.now();
      this.write(`${head}${tail}\n`);
    }
  }

  /** Prints the end-of-epoch line with the epoch's mean losses and evaluation metrics. */
  endEpoch(epoch: number, epochs: number, steps: number, values: Record<string, number>): void {
    if (this.options.quiet) return;
    const seconds = (Date.now() - this.epochStart) / 1000;
    const perStep = steps > 0 ? `${Math.round((seconds * 1000) / steps)}ms/step` : "";
    const line = `Epoch ${epoch}/${epochs} - ${steps} steps - ${seconds.toFixed(1)}s ${perStep}${formatMetrics(values)}`;
    this.write(this.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
  }

  private write(s: string): void {
    this.stream.write(s);
  }
}
