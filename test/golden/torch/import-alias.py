# Generated from test/golden/codegen/import-alias.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Convolution, batch normalization and ReLU: the building block of most CNNs.
# ConvBlock(filters=4) on x: f32[B, 16, 16, 3].
# Trainable parameters: 120.
class ConvBlock(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 4, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 4, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# A classifier head on image features.
# Head(classes=2) on x: f32[B, 16, 16, 4].
# Trainable parameters: 2050.
class Head(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 1024, "units": 2, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [1024])
        t2 = self.dense_0.apply(t1)
        return t2


# Net() on x: f32[B, 16, 16, 3].
# Trainable parameters: 2170.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.convBlock_0 = ConvBlock(self, "convBlock_0")
        self.head_0 = Head(self, "head_0")

    def apply(self, x, training):
        t1 = self.convBlock_0.apply(x, training)
        t2 = self.head_0.apply(t1, training)
        return t2

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
