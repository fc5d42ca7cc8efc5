# Generated from test/golden/codegen/sequence-layers.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# 1-D convolution and pooling over [B, T, C] sequences, and recurrent layers without biases.
# SequenceLayers() on x: f32[B, 32, 8].
# Trainable parameters: 1954.
class SequenceLayers(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv1d_0 = dl.layers.Conv1D(self, "conv1d_0", {"inChannels": 8, "filters": 16, "kernel": 5, "stride": 2, "padding": 2, "dilation": 1, "groups": 1, "bias": True})
        self.conv1d_1 = dl.layers.Conv1D(self, "conv1d_1", {"inChannels": 16, "filters": 16, "kernel": 3, "stride": 1, "padding": "same", "dilation": 2, "groups": 4, "bias": False})
        self.layernorm_0 = dl.layers.LayerNorm(self, "layernorm_0", {"features": 16, "eps": 0.00001, "affine": False})
        self.gru_0 = dl.layers.GRU(self, "gru_0", {"inputSize": 16, "units": 8, "layers": 1, "bidirectional": False, "returnSequences": True, "bias": False})
        self.lstm_0 = dl.layers.LSTM(self, "lstm_0", {"inputSize": 8, "units": 8, "layers": 1, "bidirectional": False, "returnSequences": False, "bias": False})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 8, "units": 2, "bias": True})

    def apply(self, x, training):
        t1 = self.conv1d_0.apply(x)
        t2 = dl.ops.relu6(t1)
        t3 = self.conv1d_1.apply(t2)
        t4 = dl.ops.maxPool1d(t3, {"size": 3, "stride": 2, "padding": 1, "ceilMode": True})
        t5 = dl.ops.avgPool1d(t4, {"size": 2, "stride": 2, "padding": "valid"})
        t6 = self.layernorm_0.apply(t5)
        t7 = self.gru_0.apply(t6)
        t8 = self.lstm_0.apply(t7)
        t9 = self.dense_0.apply(t8)
        return t9

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
