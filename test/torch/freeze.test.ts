/**
 * `freeze net.encoder` and `freeze net.dense_0.kernel` on the torch engine: Module.freezeNamed
 * (runtime-torch/dl_torch/module.py, as runtime/module.ts) leaves a child module's or one
 * variable's weights out of what optimizers update, and says false for a name nothing has.
 */
import { spawnSync } from "node:child_process";
import { pythonEnv } from "../../cli/torch-engine.js";
import { python, torchTest } from "./torch-helpers.js";

torchTest("freezeNamed freezes a child module or one variable on the torch engine, and the optimizer leaves them unchanged", (t) => {
  const script = `
import json, torch, dl_torch as dl
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 3, "units": 4})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 4, "units": 2})
    def apply(self, x, training):
        return self.dense_1.apply(self.dense_0.apply(x))
net = Net(None, "net", dl.Rng(1))
out = {"child": net.freezeNamed("dense_0"), "variable": net.freezeNamed("dense_1.kernel"), "missing": net.freezeNamed("dense_9")}
out["trainable"] = sorted(k for k, v in net.named_parameters() if any(v is p for p in net.trainableVariables()))
before = {k: v.detach().clone() for k, v in net.named_parameters()}
opt = dl.optim.sgd([net], {"lr": 0.5})
x = torch.ones(5, 3)
opt.minimize(lambda: (net.apply(x, True) ** 2).mean())
out["changed"] = sorted(k for k, v in net.named_parameters() if not torch.equal(v.detach(), before[k]))
out["count"] = net.parameterCount()
print(json.dumps(out))
`;
  const r = spawnSync(python!, ["-c", script], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  t.deepEqual(out, { child: true, variable: true, missing: false, trainable: ["dense_1.bias"], changed: ["dense_1.bias"], count: 3 * 4 + 4 + 4 * 2 + 2 });
});
