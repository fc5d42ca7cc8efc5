# Generated from test/golden/codegen/random-in-model.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Noise drawn inside a model uses the batch size of its input.
# Denoiser(std=0.1) on x: f32[B, 64].
# Trainable parameters: 8320.
class Denoiser(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 64, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 64, "bias": True})

    def apply(self, x, training):
        t1 = dl.random.normal([x.shape[0], 64], self.rng, 0, 0.1)
        noisy = dl.ops.add(x, t1)
        jitter = dl.random.uniform([x.shape[0], 1], 0.9, 1.1, self.rng)
        t2 = dl.ops.mul(noisy, jitter)
        t3 = self.dense_0.apply(t2)
        t4 = dl.ops.relu(t3)
        t5 = self.dense_1.apply(t4)
        return t5

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
