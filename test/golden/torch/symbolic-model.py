# Generated from test/golden/codegen/symbolic-model.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A model over symbolic sizes is checked on its own and generated for each concrete use.
# Projection(out=8) on x: f32[B, 100].
# Trainable parameters: 808.
class Projection(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 100, "units": 8, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        return t2


# A model over symbolic sizes is checked on its own and generated for each concrete use.
# Projection(out=8) on x: f32[B, 50].
# Trainable parameters: 408.
class Projection_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 50, "units": 8, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        return t2


# A model over symbolic sizes is checked on its own and generated for each concrete use.
# Projection(out=4) on x: f32[B, 100].
# Trainable parameters: 404.
class Projection_3(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 100, "units": 4, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        return t2


# Net() on x: f32[B, 100], y: f32[B, 50].
# Trainable parameters: 1620.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.projection_0 = Projection(self, "projection_0")
        self.projection_1 = Projection_2(self, "projection_1")
        self.projection_2 = Projection_3(self, "projection_2")

    def apply(self, x, y, training):
        t1 = self.projection_0.apply(x, training)
        t2 = self.projection_1.apply(y, training)
        t3 = self.projection_2.apply(x, training)
        t4 = dl.ops.concat([t1, t2, t3], -1)
        return t4

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
