# Generated from test/golden/codegen/tensor-math.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Tensor math for custom losses and metrics: elementwise functions, reductions over one axis or several, argmax.
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
        t7 = dl.ops.mul(x, x)
        t8 = dl.ops.sum(t7, [1, 2], True)
        f = dl.ops.reshape(t8, [1])
        t9 = dl.ops.min(x, 2, False)
        t10 = self.dense_0.apply(t9)
        t11 = dl.ops.concat([c, d, t10], -1)
        t12 = dl.ops.mean(e)
        t13 = dl.ops.add(t11, t12)
        t14 = dl.ops.mean(f, 1, True)
        t15 = dl.ops.add(t13, t14)
        return t15

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
