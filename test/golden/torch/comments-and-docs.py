# Generated from test/golden/codegen/comments-and-docs.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A doc comment with *markdown*, `code` and a list:
# - first item
# - second item
#
# After an empty doc line.
# Documented() on x: f32[B, 8].
# Trainable parameters: 18.
class Documented(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 2, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        return t1


# Doc of a train block.
# The training program `train documented`; run it with dl.run().
def documented():
    def _build(rng):
        net = Documented(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 22, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.blobs({"n": 1000, "centers": 2, "features": 8}).batch(10, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "documented", "source": "test/golden/codegen/comments-and-docs.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["documented"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
