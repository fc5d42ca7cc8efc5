# Generated from test/golden/codegen/conv-explicit-padding.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Explicit padding: one int, a pair, and per-side amounts.
# Padded() on x: f32[B, 28, 28, 1].
# Trainable parameters: 60522.
class Padded(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": [[1, 1], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 8, "filters": 8, "kernel": [5, 5], "stride": [1, 1], "padding": [[2, 2], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 8, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": [[0, 2], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 5824, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.conv2d_1.apply(t1)
        t3 = self.conv2d_2.apply(t2)
        t4 = dl.ops.reshape(t3, [5824])
        t5 = self.dense_0.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
