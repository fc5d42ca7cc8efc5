# Generated from test/golden/codegen/nested-models.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A model used as a layer: each use is a child module with its own weights.
# ConvBnRelu(filters=16, kernel=3) on x: f32[B, 32, 32, 3].
# Trainable parameters: 480.
class ConvBnRelu(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# A model used as a layer: each use is a child module with its own weights.
# ConvBnRelu(filters=16, kernel=1) on x: f32[B, 32, 32, 16].
# Trainable parameters: 304.
class ConvBnRelu_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 16, "filters": 16, "kernel": [1, 1], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# Stage(filters=16) on x: f32[B, 32, 32, 3].
# Trainable parameters: 784.
class Stage(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.convBnRelu_0 = ConvBnRelu(self, "convBnRelu_0")
        self.convBnRelu_1 = ConvBnRelu_2(self, "convBnRelu_1")

    def apply(self, x, training):
        t1 = self.convBnRelu_0.apply(x, training)
        t2 = self.convBnRelu_1.apply(t1, training)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        return t3


# A model used as a layer: each use is a child module with its own weights.
# ConvBnRelu(filters=32, kernel=3) on x: f32[B, 16, 16, 16].
# Trainable parameters: 4704.
class ConvBnRelu_3(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 16, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 32, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# A model used as a layer: each use is a child module with its own weights.
# ConvBnRelu(filters=32, kernel=1) on x: f32[B, 16, 16, 32].
# Trainable parameters: 1120.
class ConvBnRelu_4(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 32, "filters": 32, "kernel": [1, 1], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 32, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        return t3


# Stage(filters=32) on x: f32[B, 16, 16, 16].
# Trainable parameters: 5824.
class Stage_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.convBnRelu_0 = ConvBnRelu_3(self, "convBnRelu_0")
        self.convBnRelu_1 = ConvBnRelu_4(self, "convBnRelu_1")

    def apply(self, x, training):
        t1 = self.convBnRelu_0.apply(x, training)
        t2 = self.convBnRelu_1.apply(t1, training)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        return t3


# Net() on x: f32[B, 32, 32, 3].
# Trainable parameters: 27098.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.stage_0 = Stage(self, "stage_0")
        self.stage_1 = Stage_2(self, "stage_1")
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 2048, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.stage_0.apply(x, training)
        t2 = self.stage_1.apply(t1, training)
        t3 = dl.ops.reshape(t2, [2048])
        t4 = self.dense_0.apply(t3)
        return t4

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
