"""Training steps in PyTorch (CPU), the reference for bench/train-step.ts.

The same networks, batches and optimizer as the tfjs benchmark, on fixed random inputs:
  lenet5   32x32x1, conv5(6)-tanh-avgpool2-conv5(16)-tanh-avgpool2-120-84-10, batch 64
  resnet18 torchvision's resnet18 (written out) with a 1-channel stem, 10 classes, 32x32, batch 16
  lstm     28 steps of 28 features, LSTM(128), last hidden state -> 10, batch 64
Adam(1e-3), cross-entropy; each step reads the loss back (loss.item()) as the tfjs bench does.
Prints one JSON line: {"net": ..., "threads": n, "median_ms": ..., "cpu_ms": ..., "steps": ..., "torch": ...}
(cpu_ms: the median of this thread's CPU time per step, which a loaded machine does not inflate).
Usage: python3 bench/pytorch_step.py NET [steps] [warmup] [threads]
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


class RowLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 128, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x.reshape(x.shape[0], 28, 28))
        return self.fc(h[-1])


class BasicBlock(nn.Module):
    """torchvision's BasicBlock (written out: Debian's python3-torchvision is optional)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.down is None else self.down(x)))


def resnet18():
    """torchvision.models.resnet18(num_classes=10) with a 1-channel 7x7/2 stem."""
    layers = [nn.Conv2d(1, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        layers += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 10)]
    return nn.Sequential(*layers)


NETS = {
    "lenet5": (LeNet5, 64, (1, 32, 32)),
    "resnet18": (resnet18, 16, (1, 32, 32)),
    "lstm": (RowLSTM, 64, (28, 28)),
}


def main():
    name = sys.argv[1]
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    make, batch, shape = NETS[name]
    net = make()
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(batch, *shape)
    y = torch.randint(0, 10, (batch,))
    times, cpu = [], []
    for i in range(warmup + steps):
        t0, c0 = time.perf_counter(), time.thread_time()
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        loss.item()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
    print(json.dumps({"net": name, "threads": threads, "median_ms": statistics.median(times), "cpu_ms": statistics.median(cpu), "steps": steps, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
