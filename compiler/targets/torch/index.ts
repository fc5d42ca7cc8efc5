/** The PyTorch target (`dl compile --target torch`, `dl run --engine torch`). */
export { emitTorch, TorchTargetError, type TorchModule } from "./emit-python.js";
export { torchSupport, describeMissing, TORCH_RUNTIME_NAMES, type TorchSupport } from "./support.js";
