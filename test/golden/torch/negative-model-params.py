# Generated from test/golden/codegen/negative-model-params.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A model's own int parameters take any value: zero and negative offsets are the author's business.
# Offset(shift=-1, extra=0) on x: f32[B, 4].
# Trainable parameters: 15.
class Offset(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 3, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        return t1


# A model's own int parameters take any value: zero and negative offsets are the author's business.
# Offset(shift=0, extra=0) on x: f32[B, 4].
# Trainable parameters: 20.
class Offset_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 4, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        return t1


# A model's own int parameters take any value: zero and negative offsets are the author's business.
# Offset(shift=-1, extra=1) on x: f32[B, 4].
# Trainable parameters: 20.
class Offset_3(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 4, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        return t1


# Uses() on x: f32[B, 4].
# Trainable parameters: 40.
class Uses(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.offset_0 = Offset_2(self, "offset_0")
        self.offset_1 = Offset_3(self, "offset_1")

    def apply(self, x, training):
        t1 = self.offset_0.apply(x, training)
        t2 = self.offset_1.apply(t1, training)
        return t2

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
