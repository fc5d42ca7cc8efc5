# Generated from test/golden/codegen/shared-layer.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# One embedding applied to two inputs shares its weights; a Siamese distance.
# Siamese() on a: f32[B, 128], b: f32[B, 128].
# Trainable parameters: 4161.
class Siamese(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.embed = dl.layers.Dense(self, "embed", {"inFeatures": 128, "units": 32, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 32, "units": 1, "bias": True})

    def apply(self, a, b, training):
        t1 = self.embed.apply(a)
        ea = dl.ops.relu(t1)
        t2 = self.embed.apply(b)
        eb = dl.ops.relu(t2)
        t3 = dl.ops.sub(ea, eb)
        t4 = dl.ops.sub(ea, eb)
        t5 = dl.ops.mul(t3, t4)
        t6 = self.dense_0.apply(t5)
        t7 = dl.ops.sigmoid(t6)
        return t7

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
