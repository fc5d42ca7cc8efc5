# Generated from test/golden/codegen/activations.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Every activation of the registry, each on its own branch.
# Activations() on x: f32[B, 16].
# Trainable parameters: 305.
class Activations(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 304, "units": 1, "bias": True})

    def apply(self, x, training):
        a = dl.ops.relu(x)
        b = dl.ops.tanh(x)
        c = dl.ops.sigmoid(x)
        d = dl.ops.leakyRelu(x, 0.2)
        e = dl.ops.leakyRelu(x, 0.01)
        f = dl.ops.softmax(x, -1)
        t1 = dl.ops.reshape(x, [4, 4])
        t2 = dl.ops.softmax(t1, 1)
        g = dl.ops.reshape(t2, [16])
        h = dl.ops.gelu(x)
        i = dl.ops.gelu(x, "tanh")
        j = dl.ops.silu(x)
        k = dl.ops.relu6(x)
        l = dl.ops.hardswish(x)
        m = dl.ops.hardsigmoid(x)
        n = dl.ops.mish(x)
        o = dl.ops.elu(x, 1)
        p = dl.ops.elu(x, 0.5)
        q = dl.ops.selu(x)
        r = dl.ops.softplus(x, 1, 20)
        s_ = dl.ops.softplus(x, 2, 10)
        classic = dl.ops.concat([a, b, c, d, e, f, g], -1)
        modern = dl.ops.concat([h, i, j, k, l, m, n, o, p, q, r, s_], -1)
        t3 = dl.ops.concat([classic, modern], -1)
        t4 = self.dense_0.apply(t3)
        return t4

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
