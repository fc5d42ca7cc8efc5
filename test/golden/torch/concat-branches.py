# Generated from test/golden/codegen/concat-branches.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# An Inception-style module: four branches joined along the channels.
# Inception(c1=64, c3=128, c5=32, cp=32) on x: f32[B, 28, 28, 192].
# Trainable parameters: 222624.
class Inception(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 192, "filters": 64, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 192, "filters": 128, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 128, "filters": 128, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_3 = dl.layers.Conv2D(self, "conv2d_3", {"inChannels": 192, "filters": 32, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_4 = dl.layers.Conv2D(self, "conv2d_4", {"inChannels": 32, "filters": 32, "kernel": [5, 5], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_5 = dl.layers.Conv2D(self, "conv2d_5", {"inChannels": 192, "filters": 32, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        b1 = dl.ops.relu(t1)
        t2 = self.conv2d_1.apply(x)
        t3 = dl.ops.relu(t2)
        t4 = self.conv2d_2.apply(t3)
        b3 = dl.ops.relu(t4)
        t5 = self.conv2d_3.apply(x)
        t6 = dl.ops.relu(t5)
        t7 = self.conv2d_4.apply(t6)
        b5 = dl.ops.relu(t7)
        t8 = dl.ops.maxPool(x, {"size": [3, 3], "stride": [1, 1], "padding": "same"})
        t9 = self.conv2d_5.apply(t8)
        bp = dl.ops.relu(t9)
        t10 = dl.ops.concat([b1, b3, b5, bp], -1)
        return t10


# An Inception-style module: four branches joined along the channels.
# Inception(c1=128, c3=192, c5=96, cp=64) on x: f32[B, 28, 28, 256].
# Trainable parameters: 685824.
class Inception_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 256, "filters": 128, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 256, "filters": 192, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 192, "filters": 192, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_3 = dl.layers.Conv2D(self, "conv2d_3", {"inChannels": 256, "filters": 96, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_4 = dl.layers.Conv2D(self, "conv2d_4", {"inChannels": 96, "filters": 96, "kernel": [5, 5], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_5 = dl.layers.Conv2D(self, "conv2d_5", {"inChannels": 256, "filters": 64, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        b1 = dl.ops.relu(t1)
        t2 = self.conv2d_1.apply(x)
        t3 = dl.ops.relu(t2)
        t4 = self.conv2d_2.apply(t3)
        b3 = dl.ops.relu(t4)
        t5 = self.conv2d_3.apply(x)
        t6 = dl.ops.relu(t5)
        t7 = self.conv2d_4.apply(t6)
        b5 = dl.ops.relu(t7)
        t8 = dl.ops.maxPool(x, {"size": [3, 3], "stride": [1, 1], "padding": "same"})
        t9 = self.conv2d_5.apply(t8)
        bp = dl.ops.relu(t9)
        t10 = dl.ops.concat([b1, b3, b5, bp], -1)
        return t10


# GoogLeNetTiny() on x: f32[B, 28, 28, 192].
# Trainable parameters: 913258.
class GoogLeNetTiny(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.inception_0 = Inception(self, "inception_0")
        self.inception_1 = Inception_2(self, "inception_1")
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 480, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.inception_0.apply(x, training)
        t2 = self.inception_1.apply(t1, training)
        t3 = dl.ops.avgPool(t2, {"size": [28, 28], "stride": [28, 28], "padding": "valid"})
        t4 = dl.ops.reshape(t3, [480])
        t5 = self.dense_0.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
