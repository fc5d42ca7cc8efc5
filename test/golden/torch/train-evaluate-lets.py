# Generated from test/golden/codegen/train-evaluate-lets.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A model with two outputs; evaluation shares them through lets and reads items of tuples.
# TwoHeads() on x: f32[B, 28, 28, 1].
# Trainable parameters: 50955.
class TwoHeads(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 64, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 64, "units": 10, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 64, "units": 1, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        h = dl.ops.relu(t2)
        t3 = self.dense_1.apply(h)
        t4 = self.dense_2.apply(h)
        return [t3, t4]


# The training program `train heads`; run it with dl.run().
def heads():
    def _build(rng):
        net = TwoHeads(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1[0], y)
                t3 = dl.ops.mul(t1[1], t1[1])
                t4 = dl.ops.mean(t3)
                t5 = dl.ops.mul(0.1, t4)
                t6 = dl.ops.add(t2, t5)
                return t6
            s.minimize(opt, "loss", {"line": 16, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            logits, score = net.apply(x, False)
            predicted = dl.ops.argmax(logits, -1)
            t1 = dl.ops.equal(predicted, y)
            t2 = dl.ops.cast(t1, "f32")
            t3 = dl.ops.mean(t2)
            t4 = dl.ops.softmax(logits, -1)
            t5 = dl.ops.max(t4, 1, False)
            t6 = dl.ops.greater(t5, 0.9)
            t7 = dl.ops.cast(t6, "f32")
            t8 = dl.ops.mean(t7)
            t9 = dl.ops.mean(score)
            t10 = dl.ops.mean(score)
            t11 = dl.ops.mul(0, t10)
            t12 = dl.ops.add(t9, t11)
            return {"accuracy": t3, "confident": t8, "mean_score": t12}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).batch(128, {"shuffle": True, "dropLast": False}), "test": dl.data.mnist({"split": "test"}).batch(1000, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "heads", "source": "test/golden/codegen/train-evaluate-lets.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["heads"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
