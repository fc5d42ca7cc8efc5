/** Optimizers (`dl.optim`) and their shared base class. */
export { Optimizer, type OptimizerOptions, type OptimizerState } from "./optimizer.js";
export * from "./optimizers.js";
