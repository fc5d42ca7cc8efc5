/** Optimizers (`dl.optim`) and their shared base class. */
export { Optimizer, type OptimizerOptions, type OptimizerState, type ParamGroup } from "./optimizer.js";
export * from "./optimizers.js";
