# Generated from test/golden/codegen/tensor-indexing.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Indexing, slicing (with steps), tuple items, comparisons, where, cast, transpose, permute, split and chunk.
# Enc() on x: f32[B, 8].
# Trainable parameters: 246.
class Enc(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 4, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 16, "units": 2, "bias": True})

    def apply(self, x, training):
        h = self.dense_0.apply(x)
        t1 = self.dense_1.apply(h)
        t2 = self.dense_2.apply(h)
        return [t1, t2]


# M(C=16) on x: f32[B, 10, 16].
# Trainable parameters: 246.
class M(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.enc_0 = Enc(self, "enc_0")

    def apply(self, x, training):
        first = dl.ops.slice(x, [0, 0, 0], [-1, 1, -1], [1])
        half = dl.ops.slice(x, [0, 0, 0], [-1, -1, 8])
        mid = dl.ops.slice(x, [0, 1, 2], [-1, 8, 4])
        evens = dl.ops.slice(x, [0, 0, 0], [-1, -1, -1], [], [1, 2, 1])
        back = dl.ops.slice(x, [0, 2, 8], [-1, 7, 8], [], [1, -3, 2])
        a, b = dl.ops.split(x, [8, 8], 2)
        p, q, r = dl.ops.split(x, [4, 4, 8], 2)
        t = dl.ops.permute(x, [0, 2, 1])
        u = dl.ops.permute(x, [0, 2, 1])
        t1 = dl.ops.greater(x, 0.5)
        t2 = dl.ops.less(x, 0.9)
        mask = dl.ops.logicalAnd(t1, t2)
        y = dl.ops.where(mask, x, 0)
        t3 = dl.ops.logicalNot(mask)
        f = dl.ops.cast(t3, "f32")
        t4 = dl.ops.slice(first, [0, 0], [-1, 8])
        t5 = self.enc_0.apply(t4, training)
        e = t5[0]
        t6 = dl.ops.add(y, f)
        t7 = dl.ops.mean(t6)
        t8 = dl.ops.mul(a, b)
        t9 = dl.ops.mean(t8)
        t10 = dl.ops.add(t7, t9)
        t11 = dl.ops.mean(p)
        t12 = dl.ops.add(t10, t11)
        t13 = dl.ops.mean(r)
        t14 = dl.ops.add(t12, t13)
        t15 = dl.ops.mean(mid)
        t16 = dl.ops.add(t14, t15)
        t17 = dl.ops.mean(evens)
        t18 = dl.ops.add(t16, t17)
        t19 = dl.ops.mean(back)
        t20 = dl.ops.add(t18, t19)
        t21 = dl.ops.mean(half)
        t22 = dl.ops.add(t20, t21)
        t23 = dl.ops.mean(t)
        t24 = dl.ops.add(t22, t23)
        t25 = dl.ops.mean(u)
        t26 = dl.ops.add(t24, t25)
        t27 = dl.ops.mean(e)
        t28 = dl.ops.add(t26, t27)
        return t28

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
