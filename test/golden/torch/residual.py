# Generated from test/golden/codegen/residual.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
# BasicBlock(width=16, stride=1) on x: f32[B, 32, 32, 16].
# Trainable parameters: 4704.
class BasicBlock(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 16, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.1, "eps": 0.00001})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 16, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_1 = dl.layers.BatchNorm(self, "batchnorm_1", {"features": 16, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        t4 = self.conv2d_1.apply(t3)
        main = self.batchnorm_1.apply(t4, training)
        t5 = dl.ops.add(main, x)
        t6 = dl.ops.relu(t5)
        return t6


# A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
# BasicBlock(width=32, stride=2) on x: f32[B, 32, 32, 16].
# Trainable parameters: 14624.
class BasicBlock_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 16, "filters": 32, "kernel": [3, 3], "stride": [2, 2], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 32, "momentum": 0.1, "eps": 0.00001})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 32, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_1 = dl.layers.BatchNorm(self, "batchnorm_1", {"features": 32, "momentum": 0.1, "eps": 0.00001})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 16, "filters": 32, "kernel": [1, 1], "stride": [2, 2], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_2 = dl.layers.BatchNorm(self, "batchnorm_2", {"features": 32, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        t4 = self.conv2d_1.apply(t3)
        main = self.batchnorm_1.apply(t4, training)
        t5 = self.conv2d_2.apply(x)
        skip = self.batchnorm_2.apply(t5, training)
        t6 = dl.ops.add(main, skip)
        t7 = dl.ops.relu(t6)
        return t7


# A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
# BasicBlock(width=32, stride=1) on x: f32[B, 16, 16, 32].
# Trainable parameters: 18624.
class BasicBlock_3(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 32, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 32, "momentum": 0.1, "eps": 0.00001})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 32, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_1 = dl.layers.BatchNorm(self, "batchnorm_1", {"features": 32, "momentum": 0.1, "eps": 0.00001})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        t4 = self.conv2d_1.apply(t3)
        main = self.batchnorm_1.apply(t4, training)
        t5 = dl.ops.add(main, x)
        t6 = dl.ops.relu(t5)
        return t6


# ResNetTiny() on x: f32[B, 32, 32, 3].
# Trainable parameters: 120330.
class ResNetTiny(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.basicBlock_0 = BasicBlock(self, "basicBlock_0")
        self.basicBlock_1 = BasicBlock_2(self, "basicBlock_1")
        self.basicBlock_2 = BasicBlock_3(self, "basicBlock_2")
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8192, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.basicBlock_0.apply(t2, training)
        t4 = self.basicBlock_1.apply(t3, training)
        t5 = self.basicBlock_2.apply(t4, training)
        t6 = dl.ops.reshape(t5, [8192])
        t7 = self.dense_0.apply(t6)
        return t7

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
