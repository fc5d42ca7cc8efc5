/**
 * Optimizers by DL name. The first positional arguments name the models whose trainable
 * parameters the optimizer updates; every other model's parameters stay frozen for it.
 */
import type { ArgSpec } from "../registry/types.js";
import type { OptimizerEntry } from "./types.js";

const common: ArgSpec[] = [
  { name: "clip_norm", type: "float", default: "0", doc: "Rescale gradients whose global norm exceeds this (0: off)." },
  { name: "clip_value", type: "float", default: "0", doc: "Clamp each gradient element to ±value (0: off)." },
  { name: "weight_clip", type: "float", default: "0", doc: "Clamp weights to ±value after each step (WGAN; 0: off)." },
];

const runtimeNames: Record<string, string> = {
  // The runtime follows PyTorch's names: RMSProp's decay `rho` is its `alpha`.
  lr: "lr", momentum: "momentum", beta1: "beta1", beta2: "beta2", eps: "eps", rho: "alpha",
  weight_decay: "weightDecay", clip_norm: "clipNorm", clip_value: "clipValue", weight_clip: "weightClip",
};

function optimizer(name: string, doc: string, args: ArgSpec[]): OptimizerEntry {
  const all = [...args, ...common];
  return {
    kind: "optimizer",
    name,
    doc,
    args: all,
    emit(models, a) {
      const hyper = all
        .filter((s) => !(s.default === "0" && a[s.name] === 0 && common.includes(s)))
        .map((s) => `${runtimeNames[s.name] ?? s.name}: ${a[s.name]}`);
      return `dl.optim.${name}([${models.join(", ")}], { ${hyper.join(", ")} })`;
    },
  };
}

const lr = (d: string): ArgSpec => ({ name: "lr", type: "float", default: d, doc: "Learning rate." });

export const optimizers: ReadonlyMap<string, OptimizerEntry> = new Map(
  [
    optimizer("sgd", "Plain stochastic gradient descent: `w ← w − lr·g`.", [lr("0.01"), { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." }]),
    optimizer("momentum", "SGD with momentum (PyTorch form): `v ← μv + g; w ← w − lr·v`.", [
      lr("0.01"),
      { name: "momentum", type: "float", default: "0.9", doc: "Momentum μ." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ]),
    optimizer("adam", "Adam (Kingma & Ba 2015) with bias correction.", [
      lr("0.001"),
      { name: "beta1", type: "float", default: "0.9", doc: "Decay of the first moment." },
      { name: "beta2", type: "float", default: "0.999", doc: "Decay of the second moment." },
      { name: "eps", type: "float", default: "1e-8", doc: "Added to the denominator." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ]),
    optimizer("rmsprop", "RMSProp (Tieleman & Hinton 2012); WGAN uses it with lr 5e-5.", [
      lr("0.01"),
      { name: "rho", type: "float", default: "0.99", doc: "Decay of the squared-gradient average (PyTorch's alpha)." },
      { name: "eps", type: "float", default: "1e-8", doc: "Added to the denominator." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ]),
  ].map((e) => [e.name, e]),
);
