# Generated from test/golden/codegen/multiple-outputs.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A VAE encoder returns the mean and the log-variance of the latent code.
# Encoder(latent=20) on x: f32[B, 784].
# Trainable parameters: 330040.
class Encoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 400, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 400, "units": 20, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 400, "units": 20, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        h = dl.ops.relu(t1)
        t2 = self.dense_1.apply(h)
        t3 = self.dense_2.apply(h)
        return [t2, t3]


# VAE(latent=20) on x: f32[B, 784].
# Trainable parameters: 330040.
class VAE(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.encoder_0 = Encoder(self, "encoder_0")

    def apply(self, x, training):
        t1 = self.encoder_0.apply(x, training)
        return [t1[0], t1[1]]

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
