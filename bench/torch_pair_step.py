"""Generated against hand-written PyTorch in one process, step by step, for bench/torch-engine.ts.

  python3 bench/torch_pair_step.py MODULE.py MODEL NET BATCH H,W,C [steps] [warmup] [threads]

MODULE.py is `dl compile --target torch` output; MODEL its class; NET the hand-written network of
bench/pytorch_step.py (lenet5, resnet18). Each round runs one step of each, in alternating order,
on the same batch (NHWC for the generated model, the same values NCHW for the hand-written one):
the generated step as the torch engine runs the generated step closure (the step context's
`minimize`, dl_torch's Adam), the hand-written one as pytorch_step.py (zero_grad, backward, step).
Interleaving in one process makes both see the same load, caches and allocator; timed by wall
clock and by this thread's CPU time (one thread: torch's kernels and autograd run on it).
Prints one JSON line: {"generated": {"median_ms", "cpu_ms"}, "hand": {...}}.
"""
import importlib.util
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

import dl_torch as dl
from dl_torch.train import StepContext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_step  # noqa: E402


def main():
    path, model, net_name, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    shape = [int(s) for s in sys.argv[5].split(",")]
    steps = int(sys.argv[6]) if len(sys.argv) > 6 else 30
    warmup = int(sys.argv[7]) if len(sys.argv) > 7 else 3
    torch.set_num_threads(int(sys.argv[8]) if len(sys.argv) > 8 else 1)
    spec = importlib.util.spec_from_file_location("generated", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    x = torch.rand([batch, *shape], generator=g)
    y = torch.randint(0, 10, (batch,), generator=g)
    xc = x.permute(0, 3, 1, 2).contiguous()

    net = getattr(mod, model)(None, "net", dl.Rng(0))
    opt = dl.optim.adam([net], {"lr": 1e-3})
    s = StepContext(path)

    def generated():
        s.minimize(opt, "loss", {"line": 0, "column": 0}, lambda: dl.losses.crossEntropy(net.apply(x, True), y))
        s.sums["loss"]["sum"].item()

    make = pytorch_step.NETS[net_name][0]
    hand_net = make()
    hand_net.train()
    hand_opt = torch.optim.Adam(hand_net.parameters(), lr=1e-3)

    def hand():
        hand_opt.zero_grad()
        loss = F.cross_entropy(hand_net(xc), y)
        loss.backward()
        hand_opt.step()
        loss.item()

    times = {"generated": ([], []), "hand": ([], [])}
    for i in range(warmup + steps):
        order = [("generated", generated), ("hand", hand)]
        for name, fn in order if i % 2 == 0 else order[::-1]:
            t0, c0 = time.perf_counter(), time.thread_time()
            fn()
            if i >= warmup:
                times[name][0].append((time.perf_counter() - t0) * 1000)
                times[name][1].append((time.thread_time() - c0) * 1000)
    print(json.dumps({k: {"median_ms": statistics.median(w), "cpu_ms": statistics.median(c)} for k, (w, c) in times.items()}))


if __name__ == "__main__":
    main()
