"""Test driver for the torch engine (test/torch/*.test.ts): builds models of a translated module,
loads weights written by the tfjs engine, runs forward passes, and runs training programs with
deterministic noise in place of seeded random draws, so both engines see the same numbers.

Usage: python3 torch-driver.py forward <spec.json>   (spec: module, models: [{className, inputs, weights, out}])
       python3 torch-driver.py train <module.py> [dl_torch options]
"""
import importlib.util
import json
import math
import sys

import numpy as np
import torch

import dl_torch
from dl_torch import rng as dl_rng


def load(path):
    spec = importlib.util.spec_from_file_location("dl_generated", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def forward(spec_file):
    spec = json.load(open(spec_file))
    modules = {}
    report = {}
    for m in spec["models"]:
        if m["module"] not in modules:
            modules[m["module"]] = load(m["module"])
        net = getattr(modules[m["module"]], m["className"])(None, "m")
        shapes = {k: list(v.shape) for k, v in net.namedVariables().items()}
        entry = {"count": net.parameterCount(), "shapes": shapes}
        if m.get("weights"):
            tensors, _ = dl_torch.read_weights(m["weights"])
            net.loadVariables(tensors)
            xs = []
            for i in m["inputs"]:
                a = np.fromfile(i["file"], dtype="<f4" if i["dtype"] == "f32" else "<i4").reshape(i["shape"])
                xs.append(torch.from_numpy(a.copy()))
            with torch.no_grad():
                y = net.apply(*xs, False)
            ys = y if isinstance(y, (list, tuple)) else [y]
            entry["outputs"] = []
            for k, t in enumerate(ys):
                f = f"{m['out']}-{k}.bin"
                t.float().contiguous().numpy().astype("<f4").tofile(f)
                entry["outputs"].append({"file": f, "shape": list(t.shape)})
        report[m["id"]] = entry
        del net
    print(json.dumps(report))


class Noise:
    """Deterministic stand-ins for normal and uniform draws: element i of draw k is a fixed
    function of (k, i), computed the same way by test/torch/noise.ts."""

    def __init__(self):
        self.k = 0

    def values(self, n):
        self.k += 1
        i = np.arange(n, dtype=np.float64)
        return np.sin((self.k * 12.9898 + i * 78.233) % (2 * math.pi))

    def normal(self, shape, rng, mean=0, std=1):
        v = self.values(int(np.prod(shape)) if shape else 1) * 1.7
        return torch.from_numpy((v * std + mean).astype(np.float32)).reshape([int(s) for s in shape]).to(dl_rng.device())

    def uniform(self, shape, lo, hi, rng):
        v = (self.values(int(np.prod(shape)) if shape else 1) + 1) / 2
        return torch.from_numpy((lo + (hi - lo) * v).astype(np.float32)).reshape([int(s) for s in shape]).to(dl_rng.device())


def train(argv):
    noise = Noise()
    dl_rng.random.normal = noise.normal
    dl_rng.random.uniform = noise.uniform
    return dl_torch.main(None, argv)


if __name__ == "__main__":
    if sys.argv[1] == "forward":
        forward(sys.argv[2])
    else:
        sys.exit(train(sys.argv[2:]))
