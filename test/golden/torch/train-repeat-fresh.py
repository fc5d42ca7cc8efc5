# Generated from test/golden/codegen/train-repeat-fresh.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Critic() on x: f32[B, 2].
# Trainable parameters: 3.
class Critic(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 2, "units": 1, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        return t1


# `repeat 3 fresh`: each critic step takes the next batch of `points`; the generator's step sees
# the batch its iteration started with. 95 examples in batches of 10 make 10 batches an epoch,
# the last of 5: four loop steps of 3, 3, 3 and 1 critic steps (the data runs out in the last).
# Each loss is the batch's mean (the other terms are zero; the noise has the batch's size B), so a
# trace shows which batch a step saw.
# The training program `train fresh`; run it with dl.run().
def fresh():
    def _build(rng):
        D = Critic(None, "D", rng.child("D"))
        G = Critic(None, "G", rng.child("G"))
        optD = dl.optim.sgd([D], {"lr": 0.01, "weightDecay": 0})
        optG = dl.optim.sgd([G], {"lr": 0.01, "weightDecay": 0})
        def _step(batch, s):
            x = batch[0]
            def _repeated(batch):
                x = batch[0]
                B = batch[0].shape[0]
                def _loss_optD():
                    t1 = dl.random.normal([B, 2], rng.child("loop"), 0, 1)
                    t2 = dl.ops.mul(0, t1)
                    t3 = dl.ops.add(x, t2)
                    t4 = dl.ops.mean(t3)
                    t5 = D.apply(x, True)
                    t6 = dl.ops.mean(t5)
                    t7 = dl.ops.mul(0, t6)
                    t8 = dl.ops.add(t4, t7)
                    return t8
                s.minimize(optD, "loss_optD", {"line": 21, "column": 26}, _loss_optD)
            s.repeatFresh(3, batch, _repeated)
            def _loss_optG():
                t9 = dl.ops.mean(x)
                t10 = G.apply(x, True)
                t11 = dl.ops.mean(t10)
                t12 = dl.ops.mul(0, t11)
                t13 = dl.ops.add(t9, t12)
                return t13
            s.minimize(optG, "loss_optG", {"line": 23, "column": 24}, _loss_optG)
        return {"models": {"D": D, "G": G}, "optimizers": {"optD": optD, "optG": optG}, "data": {"points": dl.data.blobs({"n": 95, "centers": 2, "features": 2}).batch(10, {"shuffle": False, "dropLast": False})}, "loop": {"over": "points", "step": _step}}
    return {"name": "fresh", "source": "test/golden/codegen/train-repeat-fresh.dl", "seed": 1, "epochs": 2, "checkpointEvery": {"steps": 1}, "build": _build}

TRAIN_PROGRAMS = ["fresh"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
