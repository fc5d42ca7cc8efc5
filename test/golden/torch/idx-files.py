# Generated from test/golden/codegen/idx-files.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Any IDX image/label pair; the declared 28×28×1 shape is checked when the files are read.
# Net() on x: f32[B, 28, 28, 1].
# Trainable parameters: 7850.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        return t2


# The training program `train from_idx`; run it with dl.run().
def from_idx():
    def _build(rng):
        net = Net(None, "net", rng.child("net"))
        opt = dl.optim.sgd([net], {"lr": 0.1, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 17, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.idx({"images": "data/train-images-idx3-ubyte.gz", "labels": "data/train-labels-idx1-ubyte.gz", "shape": [28, 28, 1]}).batch(32, {"shuffle": True, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "from_idx", "source": "test/golden/codegen/idx-files.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["from_idx"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
