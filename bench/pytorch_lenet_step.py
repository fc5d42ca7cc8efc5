"""LeNet-5 training step in PyTorch (CPU), the reference for bench/train-step.ts.

Same network, batch and optimizer as the tfjs benchmark: 32x32x1 input,
conv5(6)-tanh-avgpool2-conv5(16)-tanh-avgpool2-120-84-10, batch 64, Adam 1e-3.
Prints one JSON line: {"threads": n, "median_ms": ..., "steps": ...}.
Usage: python3 bench/pytorch_lenet_step.py [steps] [warmup] [threads]
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.fc3(x)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = LeNet5()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(64, 1, 32, 32)
    y = torch.randint(0, 10, (64,))
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        loss.item()  # the tfjs bench also reads the loss each step
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"threads": threads, "median_ms": statistics.median(times), "steps": steps, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
