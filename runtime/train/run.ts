/**
 * `dl.run(program, options)`: the training engine. It selects a backend, builds the program from
 * its seed, optionally restores the latest checkpoint, then runs epochs of loop steps with a
 * progress display, evaluates, and writes history, plot and checkpoints after each epoch.
 *
 * Determinism: every random draw comes from a stream under `new Rng(program.seed)`, data order
 * from (seed, data name, epoch), so a resumed run replays exactly what an uninterrupted one does.
 */
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { selectBackend } from "../backend/index.js";
import { checkStepMemory, outOfMemory } from "../backend/memory.js";
import { loadCheckpoint, saveCheckpoint, type TrainingPosition } from "../checkpoint/checkpoint.js";
import { RunFolderError, describeSystemError, resumeAdvice, systemCode } from "../checkpoint/errors.js";
import { acquireRunLock } from "../checkpoint/run-lock.js";
import { initModel } from "../checkpoint/init-weights.js";
import { faultPoint } from "../fault-point.js";
import type { Batched } from "../data/batched.js";
import { Progress } from "../report/progress.js";
import { matrixFile, writeHistory, writeMatrix, type HistoryRow } from "../report/history.js";
import { writePlot } from "../report/plot.js";
import { writeSamples } from "../report/samples.js";
import { Rng, hashString, mix32 } from "../rng.js";
import { epochStats } from "../rl/episode-stats.js";
import { evaluateSet } from "./evaluate.js";
import { confusionCsv } from "../metrics/index.js";
import { bestSoFar } from "./watch.js";
import { readBest, saveBest, type BestRecord } from "../checkpoint/best.js";
import { StepContext } from "./step-context.js";
import type { RunOptions, RunResult, TrainProgram, TrainSetup } from "./types.js";

/** Trains `program`; see CONTRACT.md "Training engine". */
export async function run(program: TrainProgram, options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const report = await selectBackend(options.backend);
  const backend = report.selected;
  // "wasm (2 threads)" when DL_WASM_THREADS asked for the threaded build.
  const threads = report.candidates.find((c) => c.name === backend)?.threads ?? 1;
  const backendLabel = threads > 1 ? `${backend} (${threads} threads)` : backend;
  // A step that cannot fit the backend is refused before anything is allocated.
  checkStepMemory(backend, options.memory);
  const outDir = options.outDir ?? path.join("runs", program.name);
  const progress = new Progress({ quiet: options.quiet, stream: options.stream });
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  // One run per folder: a second one is refused, the lock of a killed one taken over.
  const release = acquireRunLock(outDir, warn);
  try {
    return await train(program, options, { backend, backendLabel, outDir, progress, warn, started });
  } catch (err) {
    // The wasm module out of memory aborts (`Aborted()`, `memory access out of bounds`): say so.
    throw outOfMemory(err, backend, options.memory) ?? err;
  } finally {
    release();
  }
}

async function train(
  program: TrainProgram,
  options: RunOptions,
  { backend, backendLabel, outDir, progress, warn, started }: { backend: string; backendLabel: string; outDir: string; progress: Progress; warn: (m: string) => void; started: number },
): Promise<RunResult> {
  const rng = new Rng(program.seed);
  const setup = program.build(rng);
  const s = new StepContext(program.source, options.trace);

  let position: TrainingPosition | null = null;
  if (options.resume) {
    position = loadCheckpoint(outDir, setup, warn);
    if (position) {
      rng.restore(position.rng);
      progress.note(`Resumed ${program.name} from step ${position.step} (epoch ${position.epoch + 1})`);
    }
  }
  // A fresh run starts its models from the weights its `init`s name; a resumed one from its own.
  if (!position) {
    for (const spec of program.init ?? []) {
      const model = setup.models[spec.model];
      if (!model) throw new Error(`train: no model "${spec.model}" to initialise (have: ${Object.keys(setup.models).join(", ")})`);
      const done = initModel(model, spec, { sources: options.sources, runsDir: path.dirname(outDir), source: program.source, warn });
      const kept = done.skipped ? `; ${done.skipped} kept fresh (except ${(spec.except ?? []).join(", ")})` : "";
      progress.note(`Initialised ${spec.into ? `${spec.model}.${spec.into}` : spec.model} from ${done.folder} (${done.loaded} tensors${kept})`);
    }
  }
  const history: HistoryRow[] = position?.history ?? [];
  // History names of the confusion matrices (`test_cm`): each epoch writes one CSV per matrix.
  const ev = setup.evaluate;
  const matrices = ev ? Object.entries(ev.totals ?? {}).flatMap(([name, kind]) => (kind === "confusion" ? [`${ev.over}_${name}`] : [])) : [];
  s.step = position?.step ?? 0;
  if (position) s.load(position.accumulators);
  progress.note(`${program.name}: backend ${backendLabel}; ${describeModels(setup)}`);

  const checkpoint = async (epoch: number, batch: number): Promise<void> => {
    const at = { step: s.step, epoch, batch, rng: rng.state(), history, accumulators: await s.saveAsync() };
    await saveCheckpoint(outDir, setup, at);
  };
  const every = program.checkpointEvery;
  const maxSteps = options.maxSteps ?? Infinity;
  let stopped: string | undefined;
  let best: BestRecord | undefined = (program.checkpointBest && position && readBest(outDir)) || undefined;
  // A resumed run that had already stopped early stops again, before any step.
  stopped = earlyStop(program, history);
  try {
    for (let epoch = position?.epoch ?? 0; epoch < program.epochs && s.step < maxSteps && !stopped; epoch++) {
      s.epoch = epoch;
      const epochStart = Date.now();
      const firstBatch = epoch === position?.epoch ? position.batch : 0;
      if (firstBatch === 0) s.reset();
      progress.startEpoch(epoch + 1, program.epochs);
      const { batches, total } = loopBatches(program, setup, epoch, firstBatch);
      let done = firstBatch;
      let lastRefresh = Date.now();
      const it = batches[Symbol.iterator]();
      // `repeat n fresh`: the step draws further batches of the epoch; they count as consumed.
      // Drawn inside the step's tidy, they are freed with it.
      s.draw = () => {
        const next = it.next();
        if (next.done) return undefined;
        done++;
        return next.value;
      };
      for (let next = it.next(); !next.done; next = it.next()) {
        const batch = next.value;
        if (s.step >= maxSteps) {
          tf.dispose(batch);
          break;
        }
        tf.tidy(() => setup.loop.step(batch, s));
        tf.dispose(batch);
        s.step++;
        done++;
        faultPoint("step");
        if (Date.now() - lastRefresh >= progress.refreshMs) {
          progress.update(epoch + 1, program.epochs, done, total, await s.readAsync());
          lastRefresh = Date.now();
        }
        if (every?.steps && s.step % every.steps === 0) await checkpoint(epoch, done);
      }
      if (done < total) {
        // Stopped by maxSteps in the middle of the epoch: keep the position for a resume.
        const losses = await s.readAsync();
        if (every) await checkpoint(epoch, done);
        // Evaluate anyway, so a short trial run shows its metrics (after the checkpoint, whose
        // history stays that of whole epochs: a resumed run never sees this partial row).
        const evaluated = setup.evaluate && options.evaluateOnStop !== false ? await evaluateEpoch(setup, outDir, epoch + 1) : undefined;
        const metrics = evaluated?.values ?? {};
        if (evaluated && (Object.keys(metrics).length || Object.keys(evaluated.matrices).length)) {
          history.push({ epoch: epoch + 1, step: s.step, seconds: (Date.now() - epochStart) / 1000, partial: 1, ...losses, ...metrics });
          await writeOutputs(outDir, async () => {
            evaluated.write();
            writeHistory(outDir, history, matrices);
            writePlot(outDir, program.name, history);
          });
        }
        const shown = Object.entries({ ...losses, ...metrics })
          .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
          .join(" - ");
        stopped = `max steps: stopped after ${s.step} steps (epoch ${epoch + 1}, batch ${done}/${total})`;
        progress.note(
          `Stopped after ${s.step} steps (epoch ${epoch + 1}, batch ${done}/${total})${shown ? ` - ${shown}` : ""}${every ? "; continue with --resume" : ""}`,
        );
        break;
      }
      const losses = await s.readAsync();
      // Evaluation metrics are named after their data set (`test_accuracy`), so an evaluation
      // loss never overwrites the training loss of the same name (Keras' `val_` prefix).
      const evaluated = setup.evaluate ? await evaluateEpoch(setup, outDir, epoch + 1) : undefined;
      const metrics = evaluated?.values ?? {};
      // Experience collectors (runtime/rl) report the episodes they played: length, score, epsilon.
      const played = "over" in setup.loop ? epochStats(data(setup, setup.loop.over)) : {};
      const row: HistoryRow = { epoch: epoch + 1, step: s.step, seconds: (Date.now() - epochStart) / 1000, ...losses, ...played, ...metrics };
      history.push(row);
      progress.endEpoch(epoch + 1, program.epochs, done - firstBatch, { ...losses, ...played, ...metrics });
      await writeOutputs(outDir, async () => {
        evaluated?.write();
        writeHistory(outDir, history, matrices);
        writePlot(outDir, program.name, history);
        if (setup.samples) await writeSamples(outDir, epoch + 1, program.seed, setup.samples);
      });
      faultPoint("history");
      for (const m of matrices) progress.note(`Confusion matrix ${m} (rows true, columns predicted): ${path.join(outDir, matrixFile(m, epoch + 1))}`);
      const watched = program.checkpointBest;
      if (watched && bestSoFar(watched, history).row === row) {
        best = await saveBest(outDir, setup.models, { metric: watched.metric, mode: watched.mode, value: row[watched.metric]!, epoch: epoch + 1, step: s.step });
        progress.note(`Best ${watched.metric} so far: ${row[watched.metric]!.toFixed(4)} (epoch ${epoch + 1}), saved to ${path.join(outDir, best.checkpoint)}`);
      }
      stopped = earlyStop(program, history);
      const last = epoch + 1 === program.epochs || stopped !== undefined;
      if (every && (last || (every.epochs && (epoch + 1) % every.epochs === 0))) await checkpoint(epoch + 1, 0);
      if (stopped) progress.note(`Stopped early after epoch ${epoch + 1}: ${stopped}`);
    }
    await s.settle();
  } finally {
    s.dispose();
  }
  const last = history[history.length - 1];
  const files = last && matrices.length ? { matrices: Object.fromEntries(matrices.map((m) => [m, path.join(outDir, matrixFile(m, last.epoch))])) } : {};
  return { history, steps: s.step, backend, outDir, seconds: (Date.now() - started) / 1000, trace: s.trace, ...(stopped ? { stopped } : {}), ...(best ? { best } : {}), ...files };
}

/** Why early stopping ends the run after `history`, or undefined to go on. */
function earlyStop(program: TrainProgram, history: readonly HistoryRow[]): string | undefined {
  const stop = program.stopEarly;
  if (!stop) return undefined;
  const { row, since } = bestSoFar(stop, history);
  if (since < stop.patience) return undefined;
  const at = row ? `its best, ${row[stop.metric]!.toFixed(4)}, was at epoch ${row.epoch}` : "it was never a number";
  return `${stop.metric} has not improved (${stop.mode}) for ${since} epoch${since === 1 ? "" : "s"} (patience ${stop.patience}); ${at}`;
}

/** Runs the epoch's output writes; a file-system failure (a full disk) becomes a `RunFolderError`. */
async function writeOutputs(outDir: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const code = systemCode(err);
    if (!code) throw err;
    // Name the file being replaced, not its temporary sibling (`history.jsonl.tmp-<pid>-<time>`).
    const file = typeof (err as { path?: unknown }).path === "string" ? (err as { path: string }).path.replace(/\.tmp-\d+-\d+$/, "") : outDir;
    throw new RunFolderError(
      file,
      `${describeSystemError(err)} while writing the epoch's history and plot; the last checkpoint is intact: ${resumeAdvice(code)}`,
      code,
    );
  }
}

/** The batches of one epoch of the loop, from batch `first` on, and how many an epoch has. */
function loopBatches(program: TrainProgram, setup: TrainSetup, epoch: number, first: number): { batches: Iterable<tf.Tensor[]>; total: number } {
  const loop = setup.loop;
  if ("steps" in loop) {
    const empty = function* (): Generator<tf.Tensor[]> {
      for (let i = first; i < loop.steps; i++) yield [];
    };
    return { batches: empty(), total: loop.steps };
  }
  const d = data(setup, loop.over);
  // Shuffle and noise seeds depend on the program seed and the data set's name only.
  return { batches: d.epoch(epoch, first, mix32(program.seed >>> 0, hashString(loop.over))), total: d.batchesPerEpoch };
}

function data(setup: TrainSetup, name: string): Batched {
  const d = setup.data[name];
  if (!d) throw new Error(`train: no data set "${name}" (have: ${Object.keys(setup.data).join(", ")})`);
  return d;
}

function describeModels(setup: TrainSetup): string {
  return Object.entries(setup.models)
    .map(([k, m]) => `${k}: ${m.parameterCount().toLocaleString("en-US")} parameters`)
    .join(", ");
}

function prefixed<T>(set: string, metrics: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${set}_${k}`, v]));
}

/**
 * Evaluates the epoch: the metrics' numbers under their history names (`test_accuracy`), and a
 * `write` that puts the confusion matrices into the run folder (`test_cm/epoch-3.csv`).
 */
async function evaluateEpoch(setup: TrainSetup, outDir: string, epoch: number): Promise<{ values: Record<string, number>; matrices: Record<string, number[][]>; write: () => void }> {
  const ev = setup.evaluate!;
  const result = await evaluateSet(ev, data(setup, ev.over));
  const matrices = prefixed(ev.over, result.matrices);
  return {
    values: prefixed(ev.over, result.values),
    matrices,
    write: () => {
      for (const [name, counts] of Object.entries(matrices)) writeMatrix(outDir, name, epoch, confusionCsv(counts));
    },
  };
}
