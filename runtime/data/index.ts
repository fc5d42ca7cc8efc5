/** Data sets (`dl.data`): loaders, synthetic sets, maps and batching. */
export { Dataset, type FieldOption } from "./dataset.js";
export { Batched, type BatchOptions } from "./batched.js";
export { DataError } from "./errors.js";
export { mnist } from "./mnist.js";
export { idx, readIdx, fashionMnist, type IdxArray } from "./idx.js";
export { csv, type CsvOptions } from "./csv.js";
export { imageFolder, type ImageFolderOptions } from "./image-folder.js";
export { blobs, logicGate, moons, sequences, tokenSequences } from "./synthetic.js";
export type { Field, Storage, Transform, BatchContext } from "./field.js";
