# Generated from test/golden/codegen/train-param-groups.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Body() on x: f32[B, 4].
# Trainable parameters: 352.
class Body(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 16, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        t4 = dl.ops.relu(t3)
        return t4


# Net(classes=5) on x: f32[B, 4].
# Trainable parameters: 437.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.body_0 = Body(self, "body_0")
        self.head = dl.layers.Dense(self, "head", {"inFeatures": 16, "units": 5, "bias": True})

    def apply(self, x, training):
        t1 = self.body_0.apply(x, training)
        t2 = self.head.apply(t1)
        return t2


# Parameter groups: the body at a tenth of the head's rate without weight decay, the head's bias
# in a group of its own; a schedule scales every group from its own base rate. A third model is
# split between two optimizers, SGD for its body and Adam for its head (groups sharing no weight).
# The training program `train param_groups`; run it with dl.run().
def param_groups():
    def _build(rng):
        net = Net(None, "net", rng.child("net"))
        aux = Net(None, "aux", rng.child("aux"))
        split = Net(None, "split", rng.child("split"))
        opt = dl.optim.adamw([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.01, "schedule": dl.schedules.cosine({"total": 4, "min": 0}), "groups": [{"model": net, "path": "body_0", "lr": 0.0001, "weightDecay": 0}, {"model": net, "path": "head.kernel"}, {"model": net, "path": "head.bias", "lr": 0.003}]})
        plain = dl.optim.sgd([aux], {"lr": 0.1, "weightDecay": 0})
        lower = dl.optim.sgd([split], {"lr": 0.05, "momentum": 0.9, "weightDecay": 0, "groups": [{"model": split, "path": "body_0"}]})
        upper = dl.optim.adam([split], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0, "groups": [{"model": split, "path": "head"}]})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss_opt():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss_opt", {"line": 27, "column": 23}, _loss_opt)
            def _loss_plain():
                t3 = aux.apply(x, True)
                t4 = dl.losses.crossEntropy(t3, y)
                return t4
            s.minimize(plain, "loss_plain", {"line": 28, "column": 25}, _loss_plain)
            def _loss_lower():
                t5 = split.apply(x, True)
                t6 = dl.losses.crossEntropy(t5, y)
                return t6
            s.minimize(lower, "loss_lower", {"line": 29, "column": 25}, _loss_lower)
            def _loss_upper():
                t7 = split.apply(x, True)
                t8 = dl.losses.crossEntropy(t7, y)
                return t8
            s.minimize(upper, "loss_upper", {"line": 30, "column": 25}, _loss_upper)
        return {"models": {"net": net, "aux": aux, "split": split}, "optimizers": {"opt": opt, "plain": plain, "lower": lower, "upper": upper}, "data": {"points": dl.data.blobs({"n": 200, "centers": 5, "features": 4}).batch(40, {"shuffle": True, "dropLast": False})}, "loop": {"over": "points", "step": _step}}
    return {"name": "param_groups", "source": "test/golden/codegen/train-param-groups.dl", "seed": 2, "epochs": 4, "build": _build}

TRAIN_PROGRAMS = ["param_groups"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
