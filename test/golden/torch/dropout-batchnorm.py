# Generated from test/golden/codegen/dropout-batchnorm.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Layers whose behaviour depends on training: dropout and batch normalization.
# Regularized(rate=0.3) on x: f32[B, 28, 28, 1].
# Trainable parameters: 693258.
class Regularized(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.01, "eps": 0.001})
        self.dropout_0 = dl.layers.Dropout(self, "dropout_0", {"rate": 0.3})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 10816, "units": 64, "bias": True})
        self.batchnorm_1 = dl.layers.BatchNorm(self, "batchnorm_1", {"features": 64, "momentum": 0.1, "eps": 0.00001})
        self.dropout_1 = dl.layers.Dropout(self, "dropout_1", {"rate": 0.5})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        t4 = dl.ops.reshape(t3, [10816])
        t5 = self.dropout_0.apply(t4, training)
        t6 = self.dense_0.apply(t5)
        t7 = self.batchnorm_1.apply(t6, training)
        t8 = dl.ops.relu(t7)
        t9 = self.dropout_1.apply(t8, training)
        t10 = self.dense_1.apply(t9)
        return t10

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
