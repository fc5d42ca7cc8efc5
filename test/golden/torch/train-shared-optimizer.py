# Generated from test/golden/codegen/train-shared-optimizer.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Encoder() on x: f32[B, 28, 28, 1].
# Trainable parameters: 50240.
class Encoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 64, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        t3 = dl.ops.relu(t2)
        return t3


# Decoder() on h: f32[B, 64].
# Trainable parameters: 650.
class Decoder(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 64, "units": 10, "bias": True})

    def apply(self, h, training):
        t1 = self.dense_0.apply(h)
        return t1


# One optimizer over two models: both train together.
# The training program `train joint`; run it with dl.run().
def joint():
    def _build(rng):
        enc = Encoder(None, "enc", rng.child("enc"))
        dec = Decoder(None, "dec", rng.child("dec"))
        opt = dl.optim.adam([enc, dec], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = enc.apply(x, True)
                t2 = dec.apply(t1, True)
                t3 = dl.losses.crossEntropy(t2, y)
                return t3
            s.minimize(opt, "loss", {"line": 19, "column": 23}, _loss)
        return {"models": {"enc": enc, "dec": dec}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).batch(32, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "joint", "source": "test/golden/codegen/train-shared-optimizer.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["joint"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
