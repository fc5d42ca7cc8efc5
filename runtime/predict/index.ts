/** Predictions of trained models (`dl.predict`): reading inputs, loading run weights, classifying. */
export { readPredictInput, type PredictInput, type PredictInputOptions } from "./input.js";
export { checkpointFolder, loadModelWeights, loadWeights } from "./run-weights.js";
export type { CheckpointChoice } from "../checkpoint/saved-weights.js";
export { predictions, probabilities, type Prediction, type Classifier, type PredictOptions } from "./predict.js";
