# Generated from test/golden/codegen/learnable-tensors.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Learnable tensors declared in a model: a position embedding, a per-channel scale and shift (layer scale).
# LayerScale(D=16) on x: f32[B, 8, 16].
# Trainable parameters: 432.
class LayerScale(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.pos = self.param("pos", [1, 8, 16], dl.init.normal(0.02))
        self.gamma = self.param("gamma", [16], dl.init.constant(0.0001))
        self.beta = self.param("beta", [16], dl.init.zeros)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 16, "units": 16, "bias": True})

    def apply(self, x, training):
        h = dl.ops.add(x, self.pos)
        t1 = self.dense_0.apply(h)
        t2 = dl.ops.mul(t1, self.gamma)
        t3 = dl.ops.add(h, t2)
        t4 = dl.ops.add(t3, self.beta)
        return t4

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
