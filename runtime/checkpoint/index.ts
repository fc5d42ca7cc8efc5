/** Checkpoints (`dl.checkpoint`) and the tfjs weights format they use. */
export { saveCheckpoint, loadCheckpoint, KEEP_CHECKPOINTS, type TrainingPosition, type CheckpointSubject, type AccumulatorState } from "./checkpoint.js";
export { verifyCheckpoint, type Manifest } from "./manifest.js";
export { acquireRunLock, lockFile } from "./run-lock.js";
export { RunFolderError } from "./errors.js";
export { writeWeights, readWeights } from "./weights-file.js";
export { saveBest, readBest, bestDir, type BestRecord } from "./best.js";
