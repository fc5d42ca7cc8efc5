/** Checkpoints (`dl.checkpoint`) and the tfjs weights format they use. */
export { saveCheckpoint, loadCheckpoint, type TrainingPosition, type CheckpointSubject, type AccumulatorState } from "./checkpoint.js";
export { writeWeights, readWeights } from "./weights-file.js";
