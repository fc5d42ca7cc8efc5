# Generated from test/golden/codegen/model-parameters.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Compile-time parameters of every type, and an `if` on a bool parameter.
# Configurable(width=32, rate=0.25, normalize=true, name="head") on x: f32[B, 64].
# Trainable parameters: 5328.
class Configurable(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 64, "units": 64, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 64, "momentum": 0.1, "eps": 0.00001})
        self.dropout_0 = dl.layers.Dropout(self, "dropout_0", {"rate": 0.25})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 16, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        h = dl.ops.relu(t1)
        n = self.batchnorm_0.apply(h, training)
        t2 = self.dropout_0.apply(n, training)
        t3 = self.dense_1.apply(t2)
        return t3


# Compile-time parameters of every type, and an `if` on a bool parameter.
# Configurable(width=64, rate=0.5, normalize=false, name="tail") on x: f32[B, 64].
# Trainable parameters: 12448.
class Configurable_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 64, "units": 128, "bias": True})
        self.dropout_0 = dl.layers.Dropout(self, "dropout_0", {"rate": 0.5})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 128, "units": 32, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        h = dl.ops.relu(t1)
        t2 = self.dropout_0.apply(h, training)
        t3 = self.dense_1.apply(t2)
        return t3


# Uses() on x: f32[B, 64].
# Trainable parameters: 17776.
class Uses(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.configurable_0 = Configurable(self, "configurable_0")
        self.configurable_1 = Configurable_2(self, "configurable_1")

    def apply(self, x, training):
        a = self.configurable_0.apply(x, training)
        b = self.configurable_1.apply(x, training)
        t1 = dl.ops.concat([a, b], -1)
        return t1

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
