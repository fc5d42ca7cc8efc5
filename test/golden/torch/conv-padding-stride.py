# Generated from test/golden/codegen/conv-padding-stride.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Strided convolutions with `same` padding halve the image: 32 → 16 → 8 → 4.
# Downsample() on x: f32[B, 32, 32, 3].
# Trainable parameters: 31786.
class Downsample(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 16, "kernel": [3, 3], "stride": [2, 2], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 16, "filters": 32, "kernel": [3, 3], "stride": [2, 2], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_2 = dl.layers.Conv2D(self, "conv2d_2", {"inChannels": 32, "filters": 64, "kernel": [3, 1], "stride": [2, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 2048, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.conv2d_1.apply(t2)
        t4 = dl.ops.relu(t3)
        t5 = self.conv2d_2.apply(t4)
        t6 = dl.ops.relu(t5)
        t7 = dl.ops.reshape(t6, [2048])
        t8 = self.dense_0.apply(t7)
        return t8

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
