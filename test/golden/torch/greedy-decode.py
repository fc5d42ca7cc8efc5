# Generated from test/golden/codegen/greedy-decode.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A sequence-to-sequence model trained with teacher forcing on token sequences and evaluated
# by greedy decoding (the target input left out of the call, fed back token by token).
# Copier(vocab=6, d=16) on src: i32[B, 5], tgt: i32[B, 5].
# Trainable parameters: 2470.
class Copier(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.embedding_0 = dl.layers.Embedding(self, "embedding_0", {"vocab": 6, "dim": 16})
        self.embedding_1 = dl.layers.Embedding(self, "embedding_1", {"vocab": 6, "dim": 16})
        self.multihead_attention_0 = dl.layers.MultiHeadAttention(self, "multihead_attention_0", {"dModel": 16, "heads": 2, "causal": True, "dropout": 0})
        self.multihead_attention_1 = dl.layers.MultiHeadAttention(self, "multihead_attention_1", {"dModel": 16, "heads": 2, "causal": False, "dropout": 0})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 16, "units": 6, "bias": True})

    def apply(self, src, tgt, training):
        t1 = self.embedding_0.apply(src)
        memory = dl.ops.positionalEncoding(t1)
        t2 = self.embedding_1.apply(tgt)
        t3 = dl.ops.positionalEncoding(t2)
        h = self.multihead_attention_0.apply(t3, None, None, training)
        t4 = dl.ops.full([src.shape[0], 1, 5], 1)
        t5 = self.multihead_attention_1.apply(h, memory, t4, training)
        t6 = self.dense_0.apply(t5)
        return t6


# The training program `train copy`; run it with dl.run().
def copy():
    def _build(rng):
        net = Copier(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = dl.ops.slice(y, [0, 0], [-1, 5])
                t2 = net.apply(x, t1, True)
                t3 = dl.ops.slice(y, [0, 1], [-1, 5])
                t4 = dl.losses.crossEntropy(t2, t3)
                return t4
            s.minimize(opt, "loss", {"line": 20, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = dl.ops.greedyDecode(net, [x], 1, 5, 0)
            t2 = dl.ops.slice(y, [0, 1], [-1, 5])
            t3 = dl.ops.equal(t1, t2)
            t4 = dl.ops.cast(t3, "f32")
            t5 = dl.ops.mean(t4)
            return {"token_accuracy": t5}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.tokenSequences({"n": 64, "length": 5, "vocab": 6, "task": "copy", "seed": 1}).batch(16, {"shuffle": True, "dropLast": False}), "test": dl.data.tokenSequences({"n": 32, "length": 5, "vocab": 6, "task": "copy", "seed": 2}).batch(32, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "copy", "source": "test/golden/codegen/greedy-decode.dl", "seed": 4, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["copy"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
