# Generated from test/golden/codegen/train-two-optimizers.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Generator(latent=16) on z: f32[B, 16].
# Trainable parameters: 52048.
class Generator(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 16, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 784, "bias": True})

    def apply(self, z, training):
        t1 = self.dense_0.apply(z)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        t4 = dl.ops.tanh(t3)
        return t4


# Critic() on x: f32[B, 784].
# Trainable parameters: 50305.
class Critic(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 1, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.leakyRelu(t1, 0.2)
        t3 = self.dense_1.apply(t2)
        return t3


# A least-squares GAN: two models, two optimizers, the critic stepped five times per generator step.
# The training program `train lsgan`; run it with dl.run().
def lsgan():
    def _build(rng):
        G = Generator(None, "G", rng.child("G"))
        D = Critic(None, "D", rng.child("D"))
        optD = dl.optim.rmsprop([D], {"lr": 0.00005, "alpha": 0.99, "eps": 1e-8, "weightDecay": 0, "weightClip": 0.01})
        optG = dl.optim.adam([G], {"lr": 0.0002, "beta1": 0.5, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x = batch[0]
            B = batch[0].shape[0]
            def _repeated():
                def _loss_optD():
                    t1 = dl.ops.reshape(x, [784])
                    real = D.apply(t1, True)
                    t2 = dl.ops.mul(real, 0)
                    t3 = dl.ops.add(t2, 1)
                    t4 = dl.losses.mse(real, t3)
                    t5 = dl.random.normal([B, 16], rng.child("loop"), 0, 1)
                    t6 = G.apply(t5, True)
                    t7 = D.apply(t6, True)
                    t8 = dl.ops.mul(real, 0)
                    t9 = dl.losses.mse(t7, t8)
                    t10 = dl.ops.add(t4, t9)
                    return t10
                s.minimize(optD, "loss_optD", {"line": 23, "column": 26}, _loss_optD)
            s.repeat(5, _repeated)
            def _loss_optG():
                t11 = dl.random.normal([B, 16], rng.child("loop"), 0, 1)
                t12 = G.apply(t11, True)
                t13 = D.apply(t12, True)
                t14 = dl.ops.reshape(x, [784])
                real_2 = D.apply(t14, True)
                t15 = dl.ops.mul(real_2, 0)
                t16 = dl.ops.add(t15, 1)
                t17 = dl.losses.mse(t13, t16)
                return t17
            s.minimize(optG, "loss_optG", {"line": 25, "column": 24}, _loss_optG)
        return {"models": {"G": G, "D": D}, "optimizers": {"optD": optD, "optG": optG}, "data": {"images": dl.data.mnist({"split": "train"}).scale(-1, 1, {"field": "x"}).batch(64, {"shuffle": True, "dropLast": False})}, "loop": {"over": "images", "step": _step}}
    return {"name": "lsgan", "source": "test/golden/codegen/train-two-optimizers.dl", "seed": 3, "epochs": 1, "checkpointEvery": {"epochs": 1}, "build": _build}

TRAIN_PROGRAMS = ["lsgan"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
