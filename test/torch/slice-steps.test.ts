/**
 * Slice steps (`x[::2]`, `x[:, 1:7:2]`, negative steps) on both engines against NumPy, whose basic
 * slicing is Python's: each expression below is compiled from a .dl model to TypeScript and to
 * Python, run on the same input, and compared with NumPy evaluating the same text (exact: slicing
 * only moves values). The torch side also back-propagates through every slice: the gradient of
 * the sum is 1 where an element is kept, 0 elsewhere.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { pythonEnv } from "../../cli/torch-engine.js";
import { bothEngines, python, tempDir, torchTest } from "./torch-helpers.js";

const cases = ["x[::2]", "x[:, 1:5:2]", "x[:, ::-1]", "x[:, 4:0:-2, ::3]", "x[..., 1::4]", "x[:, -1:1:-3, 2]", "x[::-1, :, -2::-2]", "x[1, ::-5, :3:2]"];

torchTest("slice steps give NumPy's values on both engines, and torch back-propagates through them", async (t) => {
  const dir = tempDir();
  const file = join(dir, "steps.dl");
  writeFileSync(file, `model Steps() {\n  input x: f32[B, 6, 7]\n  return (${cases.join(", ")})\n}\n`);
  const { ts, py } = await bothEngines(file, dir);
  const shape = [3, 6, 7];
  const values = Array.from({ length: 3 * 6 * 7 }, (_, i) => i);
  const Steps = ts.Steps as new (p: null, n: string) => { apply(x: tf.Tensor, training: boolean): tf.Tensor[] };
  const outs = new Steps(null, "m").apply(tf.tensor(values, shape), false);
  const tfjs = outs.map((o) => ({ shape: o.shape, values: Array.from(o.dataSync()) }));
  const script = `
import importlib.util, json, sys
import numpy as np, torch
spec = importlib.util.spec_from_file_location("steps", ${JSON.stringify(py)})
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
x = np.arange(${values.length}, dtype=np.float32).reshape(${JSON.stringify(shape)})
cases = ${JSON.stringify(cases)}
t = torch.tensor(x, requires_grad=True)
outs = mod.Steps(None, "m").apply(t, False)
result = []
for expr, out in zip(cases, outs):
    want = eval(expr)
    g, = torch.autograd.grad(out.sum(), t, retain_graph=True)
    kept = np.zeros_like(x)
    exec(expr.replace("x[", "kept[", 1) + " = 1")
    result.append({"numpy": {"shape": list(want.shape), "values": want.reshape(-1).tolist()}, "torch": {"shape": list(out.shape), "values": out.detach().reshape(-1).tolist()}, "gradOk": bool((g.numpy() == kept).all())})
print(json.dumps(result))
`;
  const r = spawnSync(python!, ["-c", script], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as { numpy: { shape: number[]; values: number[] }; torch: { shape: number[]; values: number[] }; gradOk: boolean }[];
  cases.forEach((expr, i) => {
    t.deepEqual(tfjs[i], got[i]!.numpy, `${expr} on tfjs`);
    t.deepEqual(got[i]!.torch, got[i]!.numpy, `${expr} on torch`);
    t.true(got[i]!.gradOk, `${expr}: torch gradient`);
  });
});
