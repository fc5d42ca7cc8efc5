# Generated from test/golden/codegen/conv-dilation-groups.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Dilated and grouped convolutions, and a convolution without bias before batch normalization.
# Grouped() on x: f32[B, 32, 32, 8].
# Trainable parameters: 254330.
class Grouped(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 8, "filters": 16, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [2, 2], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 16, "filters": 32, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 4, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 32, "filters": 32, "kernel": [1, 1], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": False})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 32, "momentum": 0.1, "eps": 0.00001})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 25088, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = self.conv2d_1.apply(t1)
        t3 = self.conv2d_2.apply(t2)
        t4 = self.batchnorm_0.apply(t3, training)
        t5 = dl.ops.relu(t4)
        t6 = dl.ops.reshape(t5, [25088])
        t7 = self.dense_0.apply(t6)
        return t7

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
