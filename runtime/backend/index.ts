/** Backend selection and diagnosis for the DL runtime. */
export {
  selectBackend,
  wasmDetails,
  type BackendReport,
  type CandidateReport,
} from "./select.js";
export { doctor, missingKernels, missingGradients } from "./doctor.js";
export { NEEDED_KERNELS } from "./needed-kernels.js";
export {
  BACKEND_NAMES,
  parseBackendName,
  type BackendName,
} from "./candidates.js";
export { configureWasm, wasmBinaryDir } from "./wasm-setup.js";
