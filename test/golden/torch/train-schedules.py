# Generated from test/golden/codegen/train-schedules.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Classifier() on x: f32[B, 4].
# Trainable parameters: 165.
class Classifier(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 5, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.gelu(t1)
        t3 = self.dense_1.apply(t2)
        return t3


# Every learning-rate schedule, SGD with Nesterov momentum and AdamW, one optimizer each.
# The training program `train schedules`; run it with dl.run().
def schedules():
    def _build(rng):
        a = Classifier(None, "a", rng.child("a"))
        b = Classifier(None, "b", rng.child("b"))
        c = Classifier(None, "c", rng.child("c"))
        d = Classifier(None, "d", rng.child("d"))
        e = Classifier(None, "e", rng.child("e"))
        f = Classifier(None, "f", rng.child("f"))
        optA = dl.optim.sgd([a], {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weightDecay": 0, "schedule": dl.schedules.step({"every": 2, "gamma": 0.5})})
        optB = dl.optim.sgd([b], {"lr": 0.1, "momentum": 0.9, "weightDecay": 0, "schedule": dl.schedules.multistep({"milestones": [2, 4], "gamma": 0.1})})
        optC = dl.optim.adamw([c], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.05, "schedule": dl.schedules.exponential({"gamma": 0.99, "unit": "step"})})
        optD = dl.optim.adam([d], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0, "schedule": dl.schedules.cosine({"total": 6, "min": 0.00001})})
        optE = dl.optim.adamw([e], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.01, "schedule": dl.schedules.warmup({"steps": 20, "then": dl.schedules.cosine({"total": 100, "min": 0, "unit": "step"})})})
        optF = dl.optim.sgd([f], {"lr": 0.5, "momentum": 0.9, "weightDecay": 0, "schedule": dl.schedules.oneCycle({"total": 60, "pctStart": 0.25, "divFactor": 25, "finalDivFactor": 10000})})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss_optA():
                t1 = a.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(optA, "loss_optA", {"line": 24, "column": 24}, _loss_optA)
            def _loss_optB():
                t3 = b.apply(x, True)
                t4 = dl.losses.crossEntropy(t3, y)
                return t4
            s.minimize(optB, "loss_optB", {"line": 25, "column": 24}, _loss_optB)
            def _loss_optC():
                t5 = c.apply(x, True)
                t6 = dl.losses.crossEntropy(t5, y)
                return t6
            s.minimize(optC, "loss_optC", {"line": 26, "column": 24}, _loss_optC)
            def _loss_optD():
                t7 = d.apply(x, True)
                t8 = dl.losses.crossEntropy(t7, y)
                return t8
            s.minimize(optD, "loss_optD", {"line": 27, "column": 24}, _loss_optD)
            def _loss_optE():
                t9 = e.apply(x, True)
                t10 = dl.losses.crossEntropy(t9, y)
                return t10
            s.minimize(optE, "loss_optE", {"line": 28, "column": 24}, _loss_optE)
            def _loss_optF():
                t11 = f.apply(x, True)
                t12 = dl.losses.crossEntropy(t11, y)
                return t12
            s.minimize(optF, "loss_optF", {"line": 29, "column": 24}, _loss_optF)
        return {"models": {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}, "optimizers": {"optA": optA, "optB": optB, "optC": optC, "optD": optD, "optE": optE, "optF": optF}, "data": {"points": dl.data.blobs({"n": 400, "centers": 5, "features": 4}).batch(40, {"shuffle": True, "dropLast": False})}, "loop": {"over": "points", "step": _step}}
    return {"name": "schedules", "source": "test/golden/codegen/train-schedules.dl", "seed": 3, "epochs": 6, "build": _build}

TRAIN_PROGRAMS = ["schedules"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
