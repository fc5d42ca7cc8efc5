# Generated from test/golden/codegen/reshape.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A decoder head: features reshaped to an image, with one inferred axis.
# Reshapes() on z: f32[B, 784].
# Trainable parameters: 5090.
class Reshapes(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 16, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 392, "units": 10, "bias": True})

    def apply(self, z, training):
        t1 = dl.ops.reshape(z, [7, 7, 16])
        t2 = self.conv2d_0.apply(t1)
        t3 = dl.ops.reshape(t2, [49, 8])
        t4 = dl.ops.reshape(t3, [392])
        t5 = self.dense_0.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
