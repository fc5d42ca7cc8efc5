/**
 * The DL runtime: everything generated code uses, imported as `import * as dl from "dl-lang/runtime"`.
 * CONTRACT.md lists this API; keep the two in step.
 */
// What model classes use (bundled alone by `dl export`).
export * from "./inference.js";
export * as losses from "./losses/index.js";
export * as metrics from "./metrics/index.js";
export * as optim from "./optim/index.js";
export * as schedules from "./optim/schedules.js";
export * as data from "./data/index.js";
export * as rl from "./rl/index.js";
export { DataError } from "./data/errors.js";
export { RunFolderError } from "./checkpoint/errors.js";
export { WeightsError } from "./checkpoint/init-weights.js";
export type { Dataset, Batched } from "./data/index.js";
export * as train from "./train/index.js";
export { run } from "./train/run.js";
export { TrainingError } from "./train/errors.js";
export { BackendMemoryError } from "./backend/memory.js";
export type { StepMemory } from "./backend/memory.js";
export type { TrainProgram, TrainSetup, TrainLoop, TrainEvaluate, RunOptions, RunResult, SourceLocation } from "./train/types.js";
export type { StepContext } from "./train/step-context.js";
export type { Optimizer } from "./optim/optimizer.js";
export * as checkpoint from "./checkpoint/index.js";
export * as predict from "./predict/index.js";
export { loadWeights } from "./predict/run-weights.js";
export * as report from "./report/index.js";
export { selectBackend } from "./backend/index.js";
export { writeSamples, sampleGridPng, labelGrid } from "./report/samples.js";
