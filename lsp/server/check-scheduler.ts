/**
 * When the server checks documents. Edits are coalesced: a check starts only after a turn of the
 * event loop in which no change arrived (the connection handles one message per turn, so a burst
 * of queued edits is applied first and only its newest version is checked), and a slice of
 * checking runs no sooner than a few milliseconds after the last change or request, so that the
 * requests an editor sends right behind an edit (completion after typing `|> `, signature help,
 * semantic tokens) are answered, and their answers on their way, before the check takes the
 * process, even when they reach the server in later reads from the pipe. A check runs one
 * declaration at a time in slices of a few milliseconds between messages, and is abandoned at the
 * next declaration boundary when any document changes; a request that needs the check of the
 * current version finishes the running one at once instead of waiting behind it.
 */
import { performance } from "node:perf_hooks";
import type { CheckedPhase, CheckProgress } from "../../compiler/pipeline/document-pipeline.js";
import type { DlDocuments } from "./documents.js";

/** Reports a long check to the editor (`$/progress`); see `server.ts`. */
export interface ProgressSink {
  begin(title: string): ProgressHandle;
}

export interface ProgressHandle {
  report(progress: CheckProgress): void;
  /** The check ended: finished, or abandoned for a newer version (`message` says which). */
  done(message: string): void;
}

export interface SchedulerOptions {
  /** Called when the check of `uri` at its current version is done: publish its diagnostics. */
  checked(uri: string): void;
  /** Where long checks are reported, when the client supports progress. */
  progress?: () => ProgressSink | undefined;
  /** A check running longer than this is reported as progress (ms). */
  progressAfterMs?: number;
  /** How long one slice of checking runs before the next message is handled (ms). */
  sliceMs?: number;
  /** How long after the last change or request a slice of checking may run (ms; 10 by default). */
  quietMs?: number;
}

interface Running {
  uri: string;
  version: number;
  steps: Generator<CheckProgress, CheckedPhase, void>;
  started: number;
  progress?: ProgressHandle;
}

export class CheckScheduler {
  /** Documents to check, in order: the most recently edited first, then those that may import it. */
  private queue = new Set<string>();
  private running?: Running;
  /** False after a change, until a turn passes without one. */
  private settled = true;
  private ticking = false;
  private stopped = false;
  private readonly sliceMs: number;
  private readonly progressAfterMs: number;
  private readonly quietMs: number;
  /** When the last change or request arrived (performance.now()). */
  private lastActivity = -Infinity;
  /** The timer that waits out the quiet period, when one is set. */
  private quietTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly docs: DlDocuments,
    private readonly options: SchedulerOptions,
  ) {
    this.sliceMs = options.sliceMs ?? 8;
    this.progressAfterMs = options.progressAfterMs ?? 500;
    this.quietMs = options.quietMs ?? 10;
  }

  /** `uri` changed (or opened): check it first, then every other open document. */
  changed(uri: string): void {
    const rest = [...this.queue].filter((u) => u !== uri);
    for (const path of this.docs.openPaths()) {
      const u = this.docs.uri(path);
      if (u !== uri && !rest.includes(u)) rest.push(u);
    }
    this.queue = new Set([uri, ...rest]);
    this.settled = false;
    this.lastActivity = performance.now();
    this.abandon();
    this.tick();
  }

  /** Every open document may be affected (files changed on disk): check them all again. */
  changedAll(): void {
    for (const path of this.docs.openPaths()) this.queue.add(this.docs.uri(path));
    this.settled = false;
    this.lastActivity = performance.now();
    this.abandon();
    this.tick();
  }

  /** A request is being answered: checking waits until the editor is quiet again. */
  requested(): void {
    this.lastActivity = performance.now();
  }

  /** `uri` was closed: nothing of it is checked any more. */
  closed(uri: string): void {
    this.queue.delete(uri);
    if (this.running?.uri === uri) this.abandon();
  }

  /**
   * A request needs the check of `uri` now: a running check of its current version is finished at
   * once (the request then reads it from the pipeline); a stale one is dropped.
   */
  finish(uri: string): void {
    const r = this.running;
    if (!r || r.uri !== uri) return;
    if (this.isStale(r)) return this.abandon();
    for (let step = r.steps.next(); !step.done; step = r.steps.next());
    this.complete(r);
  }

  /** Checks nothing more (the server is shutting down). */
  stop(): void {
    this.stopped = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.queue.clear();
    this.abandon();
    this.queue.clear();
  }

  /** Whether a check is running or waiting (for tests and the benchmark). */
  get idle(): boolean {
    return !this.running && this.queue.size === 0;
  }

  private tick(): void {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.ticking = false;
    if (this.stopped) return;
    // Wait until a whole turn passed without a change: the rest of a burst is applied first.
    if (!this.settled) {
      this.settled = true;
      return this.tick();
    }
    // Checking waits out the quiet period after the last change or request.
    const quiet = this.lastActivity + this.quietMs - performance.now();
    if (quiet > 0) {
      this.ticking = true;
      this.quietTimer = setTimeout(() => {
        this.quietTimer = undefined;
        this.run();
      }, quiet);
      return;
    }
    const r = this.running ?? this.start();
    if (!r) return;
    const end = performance.now() + this.sliceMs;
    for (;;) {
      if (this.isStale(r)) {
        this.abandon();
        return this.tick();
      }
      const step = r.steps.next();
      if (step.done) {
        this.complete(r);
        if (this.queue.size) this.tick();
        return;
      }
      this.report(r, step.value);
      if (performance.now() >= end) return this.tick();
    }
  }

  private start(): Running | undefined {
    for (const uri of this.queue) {
      this.queue.delete(uri);
      const doc = this.docs.get(uri);
      if (!doc) continue;
      const steps = this.docs.pipeline.checking(this.docs.path(uri));
      return (this.running = { uri, version: doc.version, steps, started: performance.now() });
    }
    return undefined;
  }

  private isStale(r: Running): boolean {
    return this.docs.version(r.uri) !== r.version;
  }

  private report(r: Running, progress: CheckProgress): void {
    if (!r.progress && performance.now() - r.started >= this.progressAfterMs) {
      const name = decodeURIComponent(r.uri.slice(r.uri.lastIndexOf("/") + 1));
      r.progress = this.options.progress?.()?.begin(`Checking ${name}`);
    }
    r.progress?.report(progress);
  }

  private complete(r: Running): void {
    this.running = undefined;
    r.progress?.done("checked");
    this.options.checked(r.uri);
  }

  /** Drops the running check; its document stays queued when it still needs one. */
  private abandon(): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    r.progress?.done("superseded by a newer version");
    if (this.docs.version(r.uri) !== undefined && !this.queue.has(r.uri)) this.queue = new Set([r.uri, ...this.queue]);
  }
}
