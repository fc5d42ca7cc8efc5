# Generated from test/golden/codegen/layer-options.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Ceil-mode and per-axis pooling padding, bilinear upsampling, batch norm without affine parameters.
# LayerOptions() on x: f32[B, 15, 15, 3].
# Trainable parameters: 3460.
class LayerOptions(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 3, "momentum": 0.1, "eps": 0.00001, "affine": False})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 864, "units": 4, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.maxPool(x, {"size": [3, 3], "stride": [2, 2], "padding": "valid", "ceilMode": True})
        t2 = dl.ops.avgPool(t1, {"size": [3, 3], "stride": [2, 2], "padding": [1, 0], "ceilMode": True})
        t3 = dl.ops.upsampleBilinear(t2, [2, 2], False)
        t4 = dl.ops.upsampleBilinear(t3, [2, 3], True)
        t5 = self.batchnorm_0.apply(t4, training)
        t6 = dl.ops.reshape(t5, [864])
        t7 = self.dense_0.apply(t6)
        return t7

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
