# Generated from test/golden/codegen/train-autoencoder.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# AutoEncoder(latent=32) on x: f32[B, 28, 28, 1].
# Trainable parameters: 50992.
class AutoEncoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 32, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 32, "units": 784, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        t3 = dl.ops.relu(t2)
        t4 = self.dense_1.apply(t3)
        t5 = dl.ops.sigmoid(t4)
        t6 = dl.ops.reshape(t5, [28, 28, 1])
        return t6


# A denoising autoencoder: noisy inputs, the loss against the input itself; labels are unused.
# The training program `train denoise`; run it with dl.run().
def denoise():
    def _build(rng):
        ae = AutoEncoder(None, "ae", rng.child("ae"))
        opt = dl.optim.rmsprop([ae], {"lr": 0.001, "alpha": 0.9, "eps": 1e-8, "weightDecay": 0, "clipNorm": 5})
        def _step(batch, s):
            x = batch[0]
            def _loss():
                recon = ae.apply(x, True)
                t1 = dl.losses.mse(recon, x)
                return t1
            s.minimize(opt, "loss", {"line": 14, "column": 23}, _loss)
        return {"models": {"ae": ae}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).noise(0.2, {"field": "x"}).batch(128, {"shuffle": True, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "denoise", "source": "test/golden/codegen/train-autoencoder.dl", "seed": 0, "epochs": 3, "build": _build}

TRAIN_PROGRAMS = ["denoise"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
