# Generated from test/golden/codegen/train-helper-open-input-residual.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A residual block whose channels are a symbol: `x + conv2d(dim)(x)` holds only for C = dim, which
# the declared shapes cannot show, so the block is checked for its use in the loop (C = 4).
# Res(dim=4) on x: f32[B, 8, 8, 4].
# Trainable parameters: 148.
class Res(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 4, "filters": 4, "kernel": [3, 3], "stride": [1, 1], "padding": "same", "dilation": [1, 1], "groups": 1, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.add(x, t1)
        return t2


# The training program `train res`; run it with dl.run().
def res():
    def _build(rng):
        net = Res(None, "net", rng.child("net"))
        opt = dl.optim.sgd([net], {"lr": 0.01, "weightDecay": 0})
        def _step(batch, s):
            B = batch[0].shape[0]
            def _loss():
                t1 = dl.random.normal([B, 8, 8, 4], rng.child("loop"), 0, 1)
                out = net.apply(t1, True)
                t2 = dl.ops.mul(out, out)
                t3 = dl.ops.mean(t2)
                return t3
            s.minimize(opt, "loss", {"line": 15, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.blobs({"n": 8, "centers": 2, "features": 2}).batch(2, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "res", "source": "test/golden/codegen/train-helper-open-input-residual.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["res"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
