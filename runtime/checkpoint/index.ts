/** Checkpoints (`dl.checkpoint`) and the tfjs weights format they use. */
export { saveCheckpoint, loadCheckpoint, KEEP_CHECKPOINTS, type TrainingPosition, type CheckpointSubject, type AccumulatorState } from "./checkpoint.js";
export { verifyCheckpoint, type Manifest } from "./manifest.js";
export { acquireRunLock, lockFile } from "./run-lock.js";
export { RunFolderError } from "./errors.js";
export { writeWeights, readWeights } from "./weights-file.js";
export { saveBest, readBest, bestDir, type BestRecord } from "./best.js";
export { initModel, WeightsError, type InitSpec, type InitSource, type InitResult, type InitOptions } from "./init-weights.js";
export { matchWeights, underPrefix, type WeightMatch, type NamedShape } from "./weight-match.js";
export { locateCheckpoint, readSavedModel, savedModelKeys, type SavedModel, type SavedProblem } from "./saved-weights.js";
