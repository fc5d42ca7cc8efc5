# Generated from test/golden/codegen/repeat-stages.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# VGG-style stages by repetition; the index of `repeat(i in a..b)` sets the width.
# VGGTiny() on x: f32[B, 32, 32, 3].
# Trainable parameters: 72986.
class VGGTiny(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 16, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 32, "filters": 48, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 768, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 64, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 64, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t4 = self.conv2d_1.apply(t3)
        t5 = dl.ops.relu(t4)
        t6 = dl.ops.maxPool(t5, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t7 = self.conv2d_2.apply(t6)
        t8 = dl.ops.relu(t7)
        t9 = dl.ops.maxPool(t8, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t10 = dl.ops.reshape(t9, [768])
        t11 = self.dense_0.apply(t10)
        t12 = dl.ops.relu(t11)
        t13 = self.dense_1.apply(t12)
        t14 = dl.ops.relu(t13)
        t15 = self.dense_2.apply(t14)
        return t15

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
