# Generated from test/golden/codegen/hostile-strings.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Doc text that tries to end the comment: */ globalThis.pwned = 1; /*
# A template: `${globalThis.pwned = 1}` and a backtick ` and quotes " ' and a backslash \\
# A line separator globalThis.pwned = 1 and a paragraph separator globalThis.pwned = 2
# Strings(label="*/ globalThis.pwned = 1; /*", quote="\"; globalThis.pwned = 1; \"", tick="`${globalThis.pwned}`\n\\") on x: f32[B, 4].
# Trainable parameters: 20.
class Strings(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 4, "bias": True})

    def apply(self, x, training):
        h = self.dense_0.apply(x)
        return h


# Tiny(name="${globalThis.pwned = 1}") on x: f32[B, 28, 28, 1].
# Trainable parameters: 7850.
class Tiny(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        return t2


# Train docs: */ globalThis.pwned = 1 /*
# The training program `train strings`; run it with dl.run().
def strings():
    def _build(rng):
        net = Tiny(None, "net", rng.child("net"))
        opt = dl.optim.sgd([net], {"lr": 0.01, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 19, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).batch(8, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "strings", "source": "test/golden/codegen/hostile-strings.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["strings"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
