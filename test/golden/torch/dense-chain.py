# Generated from test/golden/codegen/dense-chain.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Three fully connected layers on flat features.
# Tabular(features=20, classes=3) on x: f32[B, 20].
# Trainable parameters: 3523.
class Tabular(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 20, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 32, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 32, "units": 3, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        t4 = dl.ops.relu(t3)
        t5 = self.dense_2.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
