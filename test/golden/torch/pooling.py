# Generated from test/golden/codegen/pooling.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Max pooling with overlapping windows (AlexNet) and average pooling with `same` padding.
# Pools() on x: f32[B, 55, 55, 16].
# Trainable parameters: 15690.
class Pools(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 1568, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.maxPool(x, {"size": [3, 3], "stride": [2, 2], "padding": "valid"})
        t2 = dl.ops.avgPool(t1, {"size": [2, 2], "stride": [2, 2], "padding": "same"})
        t3 = dl.ops.maxPool(t2, {"size": [2, 1], "stride": [2, 1], "padding": "valid"})
        t4 = dl.ops.reshape(t3, [1568])
        t5 = self.dense_0.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
