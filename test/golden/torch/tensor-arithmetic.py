# Generated from test/golden/codegen/tensor-arithmetic.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Arithmetic on tensors with broadcasting: scalars, negation, and shapes that stretch.
# Arithmetic() on x: f32[B, 16], scale: f32[B, 1].
# Trainable parameters: 68.
class Arithmetic(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 16, "units": 4, "bias": True})

    def apply(self, x, scale, training):
        centred = dl.ops.sub(x, 0.5)
        t1 = dl.ops.mul(centred, scale)
        scaled = dl.ops.div(t1, 2)
        t2 = dl.ops.neg(scaled)
        t3 = dl.ops.mul(x, 3)
        mixed = dl.ops.add(t2, t3)
        t4 = dl.ops.add(mixed, 1)
        t5 = dl.ops.div(x, scale)
        shifted = dl.ops.sub(t4, t5)
        t6 = self.dense_0.apply(shifted)
        return t6

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
