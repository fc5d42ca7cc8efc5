# Generated from test/golden/codegen/drop-path.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A residual block whose branch is dropped for whole examples while training (stochastic depth),
# at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
# Residual(rate=0) on x: f32[B, 16, 16, 8].
# Trainable parameters: 600.
class Residual(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 8, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": [[1, 1], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 8, "momentum": 0.1, "eps": 0.00001})
        self.drop_path_0 = dl.layers.DropPath(self, "drop_path_0", {"rate": 0})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        branch = dl.ops.relu(t2)
        t3 = self.drop_path_0.apply(branch, training)
        t4 = dl.ops.add(x, t3)
        return t4


# A residual block whose branch is dropped for whole examples while training (stochastic depth),
# at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
# Residual(rate=0.1) on x: f32[B, 16, 16, 8].
# Trainable parameters: 600.
class Residual_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 8, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": [[1, 1], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 8, "momentum": 0.1, "eps": 0.00001})
        self.drop_path_0 = dl.layers.DropPath(self, "drop_path_0", {"rate": 0.1})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        branch = dl.ops.relu(t2)
        t3 = self.drop_path_0.apply(branch, training)
        t4 = dl.ops.add(x, t3)
        return t4


# A residual block whose branch is dropped for whole examples while training (stochastic depth),
# at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
# Residual(rate=0.2) on x: f32[B, 16, 16, 8].
# Trainable parameters: 600.
class Residual_3(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 8, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": [[1, 1], [1, 1]], "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 8, "momentum": 0.1, "eps": 0.00001})
        self.drop_path_0 = dl.layers.DropPath(self, "drop_path_0", {"rate": 0.2})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        branch = dl.ops.relu(t2)
        t3 = self.drop_path_0.apply(branch, training)
        t4 = dl.ops.add(x, t3)
        return t4


# DeepStack(blocks=3, stochastic_depth=0.2) on x: f32[B, 16, 16, 8].
# Trainable parameters: 1890.
class DeepStack(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.residual_0 = Residual(self, "residual_0")
        self.residual_1 = Residual_2(self, "residual_1")
        self.residual_2 = Residual_3(self, "residual_2")
        self.drop_path_0 = dl.layers.DropPath(self, "drop_path_0", {"rate": 0.5})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.residual_0.apply(x, training)
        t2 = self.residual_1.apply(t1, training)
        t3 = self.residual_2.apply(t2, training)
        t4 = dl.ops.globalAvgPool(t3)
        t5 = self.drop_path_0.apply(t4, training)
        t6 = self.dense_0.apply(t5)
        return t6

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
