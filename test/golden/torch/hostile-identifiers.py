# Generated from test/golden/codegen/hostile-identifiers.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Names that are reserved words, generated names or runtime names in TypeScript must come out renamed.
# constructor(__proto__=4, prototype=8) on tf: f32[B, 8].
# Trainable parameters: 220.
class constructor_(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dl_ = dl.layers.Dense(self, "dl_", {"inFeatures": 8, "units": 4, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 8, "bias": True})
        self.dense_0_ = dl.layers.Dense(self, "dense_0_", {"inFeatures": 8, "units": 8, "bias": True})
        self.this_ = dl.layers.Dense(self, "this_", {"inFeatures": 8, "units": 8, "bias": True})

    def apply(self, tf_, training):
        t1 = self.dl_.apply(tf_)
        t1_ = dl.ops.relu(t1)
        training_ = self.dense_0.apply(t1_)
        class_ = self.dense_0_.apply(training_)
        t2 = dl.ops.add(class_, training_)
        rng_ = self.this_.apply(t2)
        return rng_


# class(arguments=2) on eval: f32[B, 8], undefined: f32[B, 8].
# Trainable parameters: 238.
class class_(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.constructor__0 = constructor_(self, "constructor__0")
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 2, "bias": True})

    def apply(self, eval_, undefined_, training):
        super_ = dl.ops.add(eval_, undefined_)
        t2_ = self.constructor__0.apply(super_, training)
        Block_2_ = self.dense_0.apply(t2_)
        return Block_2_


# The training program `train __proto__`; run it with dl.run().
def __proto___():
    def _build(rng):
        __proto___ = constructor_(None, "__proto__", rng.child("__proto__"))
        toString = class_(None, "toString", rng.child("toString"))
        s_ = dl.optim.adam([__proto___, toString], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            batch_, tf_ = batch[:2]
            def _loss():
                apply_ = toString.apply(batch_, batch_, True)
                t1 = dl.losses.crossEntropy(apply_, tf_)
                return t1
            s.minimize(s_, "loss", {"line": 31, "column": 21}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = __proto___.apply(x, False)
            t2 = dl.ops.mean(t1)
            t3 = toString.apply(x, x, False)
            t4 = dl.metrics.accuracy(t3, y)
            return {"constructor": t2, "__proto__": t4}
        return {"models": {"__proto__": __proto___, "toString": toString}, "optimizers": {"s": s_}, "data": {"data": dl.data.blobs({"n": 1000, "centers": 2, "features": 8}).batch(4, {"shuffle": False, "dropLast": False})}, "loop": {"over": "data", "step": _step}, "evaluate": {"over": "data", "metrics": _metrics}}
    return {"name": "__proto__", "source": "test/golden/codegen/hostile-identifiers.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["__proto___"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
