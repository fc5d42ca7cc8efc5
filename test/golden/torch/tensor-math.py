# Generated from test/golden/codegen/tensor-math.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Tensor math for custom losses and metrics: elementwise functions, reductions with an axis, argmax.
# TensorMath() on x: f32[B, 6, 8].
# Trainable parameters: 14.
class TensorMath(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 6, "units": 2, "bias": True})

    def apply(self, x, training):
        p = dl.ops.softmax(x, -1)
        t1 = dl.ops.add(p, 1e-8)
        t2 = dl.ops.log(t1)
        a = dl.ops.abs(t2)
        t3 = dl.ops.clamp(x, -3, 3)
        t4 = dl.ops.exp(t3)
        b = dl.ops.sqrt(t4)
        t5 = dl.ops.pow(x, 2)
        c = dl.ops.max(t5, 1, False)
        t6 = dl.ops.min(a, b)
        d = dl.ops.mean(t6, 1, False)
        e = dl.ops.max(x, -1, True)
        t7 = dl.ops.min(x, 2, False)
        t8 = self.dense_0.apply(t7)
        t9 = dl.ops.concat([c, d, t8], -1)
        t10 = dl.ops.mean(e)
        t11 = dl.ops.add(t9, t10)
        return t11

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
