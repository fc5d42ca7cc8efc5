# Generated from test/golden/codegen/multiple-inputs.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Two inputs: an image and side features, merged before the classifier.
# TwoTower() on image: f32[B, 28, 28, 1], meta: f32[B, 12].
# Trainable parameters: 13978.
class TwoTower(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 12, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 1368, "units": 10, "bias": True})

    def apply(self, image, meta, training):
        t1 = self.conv2d_0.apply(image)
        t2 = dl.ops.relu(t1)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        a = dl.ops.reshape(t3, [1352])
        t4 = self.dense_0.apply(meta)
        b = dl.ops.relu(t4)
        t5 = dl.ops.concat([a, b], -1)
        t6 = self.dense_1.apply(t5)
        return t6

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
