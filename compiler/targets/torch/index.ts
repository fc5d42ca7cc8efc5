/** The PyTorch target (`dl compile --target torch`, `dl run --engine torch`): the IR lowered to Python (emit-module.ts). */
export { emitTorch, type TorchModule } from "./emit-module.js";
export { TorchTargetError } from "./runtime-call.js";
export { torchSupport, describeMissing, TORCH_RUNTIME_NAMES, type TorchSupport } from "./support.js";
