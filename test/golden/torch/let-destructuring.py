# Generated from test/golden/codegen/let-destructuring.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# `let (a, b) = ...` binds the items of a tuple: tuple literals here, a model's outputs below.
# Split() on x: f32[B, 8].
# Trainable parameters: 91.
class Split(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 4, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 8, "units": 2, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 8, "units": 3, "bias": True})
        self.dense_3 = dl.layers.Dense(self, "dense_3", {"inFeatures": 4, "units": 2, "bias": True})

    def apply(self, x, training):
        a = self.dense_0.apply(x)
        b = self.dense_1.apply(x)
        c = self.dense_2.apply(x)
        t1 = self.dense_3.apply(a)
        return [t1, c, b]


# Encoder of the variational autoencoder of pytorch/examples: 784-400 with ReLU, then two heads
# of `latent` units for the mean μ and the log-variance log σ² of q(z | x).
# VAEEncoder(hidden=400, latent=20) on x: f32[B, 28, 28, 1].
# Trainable parameters: 330040.
class VAEEncoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 400, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 400, "units": 20, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 400, "units": 20, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        h = dl.ops.relu(t2)
        t3 = self.dense_1.apply(h)
        t4 = self.dense_2.apply(h)
        return [t3, t4]


# Decoder of the pytorch/examples VAE: latent-400-784 with ReLU and a sigmoid, so each pixel is
# a Bernoulli probability; reshaped back to 28×28×1.
# VAEDecoder(hidden=400, latent=20) on z: f32[B, 20].
# Trainable parameters: 322784.
class VAEDecoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 20, "units": 400, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 400, "units": 784, "bias": True})

    def apply(self, z, training):
        t1 = self.dense_0.apply(z)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        t4 = dl.ops.sigmoid(t3)
        t5 = dl.ops.reshape(t4, [28, 28, 1])
        return t5


# In a training loop, the encoder's (μ, log σ²) is evaluated once and named.
# The training program `train vae`; run it with dl.run().
def vae():
    def _build(rng):
        enc = VAEEncoder(None, "enc", rng.child("enc"))
        dec = VAEDecoder(None, "dec", rng.child("dec"))
        opt = dl.optim.adam([enc, dec], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x = batch[0]
            def _loss():
                mu, logvar = enc.apply(x, True)
                z = dl.reparameterize(mu, logvar, rng.child("loop"))
                t1 = dec.apply(z, True)
                t2 = dl.losses.elbo(t1, x, mu, logvar)
                return t2
            s.minimize(opt, "loss", {"line": 21, "column": 23}, _loss)
        return {"models": {"enc": enc, "dec": dec}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).batch(128, {"shuffle": True, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "vae", "source": "test/golden/codegen/let-destructuring.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["vae"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
