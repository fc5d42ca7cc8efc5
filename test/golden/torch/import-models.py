# Generated from test/golden/codegen/import-models.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Convolution, batch normalization and ReLU: the building block of most CNNs.
# ConvBlock(filters=8) on x: f32[B, 28, 28, 1].
# Trainable parameters: 96.
class ConvBlock(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 8, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# Convolution, batch normalization and ReLU: the building block of most CNNs.
# ConvBlock(filters=16) on x: f32[B, 14, 14, 8].
# Trainable parameters: 1200.
class ConvBlock_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 8, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# A classifier head on image features.
# Head(classes=10) on x: f32[B, 14, 14, 16].
# Trainable parameters: 31370.
class Head(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 3136, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [3136])
        t2 = self.dense_0.apply(t1)
        return t2


# Models imported from another file are generated into this module as well.
# Net() on x: f32[B, 28, 28, 1].
# Trainable parameters: 32666.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.convBlock_0 = ConvBlock(self, "convBlock_0")
        self.convBlock_1 = ConvBlock_2(self, "convBlock_1")
        self.head_0 = Head(self, "head_0")

    def apply(self, x, training):
        t1 = self.convBlock_0.apply(x, training)
        t2 = dl.ops.maxPool(t1, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t3 = self.convBlock_1.apply(t2, training)
        t4 = self.head_0.apply(t3, training)
        return t4

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
