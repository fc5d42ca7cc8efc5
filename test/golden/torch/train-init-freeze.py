# Generated from test/golden/codegen/train-init-freeze.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A body with batch norm, shared by the pretraining and the fine-tuning.
# Body() on x: f32[B, 2].
# Trainable parameters: 352.
class Body(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 2, "units": 16, "bias": True})
        self.batchnorm_0 = dl.layers.BatchNorm(self, "batchnorm_0", {"features": 16, "momentum": 0.1, "eps": 0.00001})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 16, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = self.batchnorm_0.apply(t1, training)
        t3 = dl.ops.relu(t2)
        t4 = self.dense_1.apply(t3)
        t5 = dl.ops.relu(t4)
        return t5


# Net(classes=4) on x: f32[B, 2].
# Trainable parameters: 421.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.scale = self.param("scale", [1], dl.init.ones)
        self.body_0 = Body(self, "body_0")
        self.head = dl.layers.Dense(self, "head", {"inFeatures": 16, "units": 4, "bias": True})

    def apply(self, x, training):
        t1 = self.body_0.apply(x, training)
        t2 = self.head.apply(t1)
        t3 = dl.ops.mul(t2, self.scale)
        return t3


# Net(classes=2) on x: f32[B, 2].
# Trainable parameters: 387.
class Net_2(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.scale = self.param("scale", [1], dl.init.ones)
        self.body_0 = Body(self, "body_0")
        self.head = dl.layers.Dense(self, "head", {"inFeatures": 16, "units": 2, "bias": True})

    def apply(self, x, training):
        t1 = self.body_0.apply(x, training)
        t2 = self.head.apply(t1)
        t3 = dl.ops.mul(t2, self.scale)
        return t3


# The training program `train pretrain`; run it with dl.run().
def pretrain():
    def _build(rng):
        net = Net(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 20, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"points": dl.data.blobs({"n": 200, "centers": 4, "features": 2}).batch(50, {"shuffle": False, "dropLast": False})}, "loop": {"over": "points", "step": _step}}
    return {"name": "pretrain", "source": "test/golden/codegen/train-init-freeze.dl", "seed": 0, "epochs": 2, "checkpointEvery": {"epochs": 2}, "build": _build}


# Fine-tunes a new two-class head on the pretrained body, frozen (its batch norm infers), and a
# second copy started from a run folder with only its first layer frozen.
# The training program `train finetune`; run it with dl.run().
def finetune():
    def _build(rng):
        net = Net_2(None, "net", rng.child("net"))
        copy = Net_2(None, "copy", rng.child("copy"))
        net.freezeNamed("body_0")
        net.freezeNamed("scale")
        copy.freezeNamed("body_0.dense_0")
        opt = dl.optim.adam([net, copy], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                t3 = copy.apply(x, True)
                t4 = dl.losses.crossEntropy(t3, y)
                t5 = dl.ops.add(t2, t4)
                return t5
            s.minimize(opt, "loss", {"line": 36, "column": 23}, _loss)
        return {"models": {"net": net, "copy": copy}, "optimizers": {"opt": opt}, "data": {"moon": dl.data.moons({"n": 200, "noise": 0.1}).batch(50, {"shuffle": False, "dropLast": False})}, "loop": {"over": "moon", "step": _step}}
    return {"name": "finetune", "source": "test/golden/codegen/train-init-freeze.dl", "seed": 0, "epochs": 1, "checkpointEvery": {"epochs": 1}, "init": [{"model": "net", "from": {"train": "pretrain", "model": "net"}, "except": ["head"], "at": {"line": 30, "column": 3}}, {"model": "copy", "from": {"run": "runs/train-init-freeze-pretrain"}, "except": ["head", "scale"], "at": {"line": 31, "column": 3}}], "build": _build}

TRAIN_PROGRAMS = ["pretrain", "finetune"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
