/** The training engine (`dl.run`, `dl.train`). */
export { run } from "./run.js";
export { StepContext } from "./step-context.js";
export { TrainingError } from "./errors.js";
export type * from "./types.js";
export { bestSoFar, improves, type Watch } from "./watch.js";
export { evaluate, evaluateSet, type Evaluation } from "./evaluate.js";
