/** The typed, target-neutral IR between the checker and the code generators (see README.md). */
export type * from "./model.js";
export type * from "./train.js";
export type * from "./values.js";
export type * from "./lowering.js";
export { nodeShapes, usedNodes } from "./model.js";

import type { ModelIR } from "./model.js";
import type { TrainIR } from "./train.js";

/** Everything a target needs to generate one document: models (dependencies first) and train programs. */
export interface ProgramIR {
  /** Source path as shown in generated headers and NaN reports. */
  source: string;
  models: ModelIR[];
  trains: TrainIR[];
}
