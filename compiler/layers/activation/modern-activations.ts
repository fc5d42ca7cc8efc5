/**
 * The activations of modern networks (Transformers, MobileNet, EfficientNet, self-normalizing
 * MLPs), each as torch.nn defines it. All are twice differentiable in the runtime
 * (runtime/kernels/differentiable.ts), so they are safe inside a gradient penalty.
 */
import type { RegistryEntry } from "../../registry/types.js";
import { arg } from "../helpers.js";
import { activation } from "./activations.js";

const twice = " Twice differentiable: safe inside `gradient_penalty`.";

export const gelu = activation(
  "gelu",
  "Gaussian error linear unit (Hendrycks & Gimpel 2016) `x·Φ(x) = ½x(1 + erf(x/√2))`, as torch.nn.GELU; " +
    '`approximate="tanh"` uses `½x(1 + tanh(√(2/π)(x + 0.044715x³)))` (BERT, GPT-2).' +
    twice,
  (x, a) => (a.approximate === "tanh" ? `dl.ops.gelu(${x}, "tanh")` : `dl.ops.gelu(${x})`),
  [{ name: "approximate", type: "string", default: '"none"', values: ["none", "tanh"], doc: '`"none"` (exact, erf) or `"tanh"` (the tanh approximation).' }],
);

export const silu = activation("silu", "Sigmoid linear unit (swish) `x·σ(x)`, as torch.nn.SiLU (EfficientNet)." + twice, (x) => `dl.ops.silu(${x})`);

export const relu6 = activation("relu6", "ReLU capped at 6, `min(max(0, x), 6)`, as torch.nn.ReLU6 (MobileNetV2)." + twice, (x) => `dl.ops.relu6(${x})`);

export const hardswish = activation(
  "hardswish",
  "Hard swish `x·relu6(x + 3)/6` (Howard et al. 2019), as torch.nn.Hardswish (MobileNetV3)." + twice,
  (x) => `dl.ops.hardswish(${x})`,
);

export const hardsigmoid = activation(
  "hardsigmoid",
  "Hard sigmoid `relu6(x + 3)/6`, in [0, 1], as torch.nn.Hardsigmoid (MobileNetV3's squeeze-excitation gate)." + twice,
  (x) => `dl.ops.hardsigmoid(${x})`,
  [],
  "probabilities",
);

export const mish = activation("mish", "Mish `x·tanh(softplus(x))` (Misra 2019), as torch.nn.Mish." + twice, (x) => `dl.ops.mish(${x})`);

export const elu = activation(
  "elu",
  "Exponential linear unit (Clevert et al. 2015): `x` for x > 0, else `alpha·(eˣ − 1)`, as torch.nn.ELU." + twice,
  (x, a) => `dl.ops.elu(${x}, ${arg.num(a.alpha as number)})`,
  [{ name: "alpha", type: "float", default: "1.0", doc: "Value approached for very negative inputs is `−alpha`." }],
);

export const selu = activation(
  "selu",
  "Scaled ELU (Klambauer et al. 2017) `λ·(x if x > 0 else α(eˣ − 1))` with λ ≈ 1.0507, α ≈ 1.6733, as torch.nn.SELU (self-normalizing networks)." +
    twice,
  (x) => `dl.ops.selu(${x})`,
);

export const softplus = activation(
  "softplus",
  "Softplus `log(1 + e^(beta·x))/beta`, a smooth ReLU, as torch.nn.Softplus: linear (`x`) where `beta·x > threshold`." + twice,
  (x, a) => `dl.ops.softplus(${x}, ${arg.num(a.beta as number)}, ${arg.num(a.threshold as number)})`,
  [
    { name: "beta", type: "float", default: "1.0", doc: "Sharpness: larger is closer to ReLU." },
    { name: "threshold", type: "float", default: "20.0", doc: "Above `beta·x > threshold` the output is `x` (numerical stability)." },
  ],
);

/** Every entry of this file, for the registry. */
export const modernActivations: RegistryEntry[] = [gelu, silu, relu6, hardswish, hardsigmoid, mish, elu, selu, softplus];
