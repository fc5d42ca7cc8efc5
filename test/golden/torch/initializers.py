# Generated from test/golden/codegen/initializers.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Initializers chosen per layer: DCGAN's N(0, 0.02), Kaiming for ReLU, Xavier, orthogonal recurrent kernels.
# Initialized() on x: f32[B, 16, 16, 3], s: f32[B, 10, 8].
# Trainable parameters: 12068.
class Initialized(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 3, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True, "init": dl.init.normal(0.02), "biasInit": dl.init.zeros})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 8, "filters": 8, "kernel": [3, 3], "stride": [2, 2], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True, "init": dl.init.kaiming({"mode": "fan_out", "nonlinearity": "relu", "a": 0, "distribution": "normal"})})
        self.conv2d_transpose_0 = dl.layers.Conv2DTranspose(self, "conv2d_transpose_0", {"inChannels": 8, "filters": 4, "kernel": [2, 2], "stride": [2, 2], "padding": "valid", "outputPadding": 0, "bias": True, "init": dl.init.xavier({"gain": 2, "distribution": "normal"})})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 576, "units": 16, "bias": True, "init": dl.init.uniformRange(-0.1, 0.1), "biasInit": dl.init.constant(0.5)})
        self.conv1d_0 = dl.layers.Conv1D(self, "conv1d_0", {"inChannels": 8, "filters": 8, "kernel": 3, "stride": 1, "padding": "valid", "dilation": 1, "groups": 1, "bias": True, "init": dl.init.kaiming({"mode": "fan_in", "nonlinearity": "leaky_relu", "a": 0, "distribution": "normal"}), "biasInit": dl.init.normal(0.01, 1)})
        self.lstm_0 = dl.layers.LSTM(self, "lstm_0", {"inputSize": 8, "units": 16, "layers": 1, "bidirectional": False, "returnSequences": False, "init": dl.init.xavier({"gain": 1, "distribution": "uniform"}), "recurrentInit": dl.init.orthogonal(1), "biasInit": dl.init.ones})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 32, "units": 1, "bias": False, "init": dl.init.uniform(0.05)})

    def apply(self, x, s_, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.conv2d_1.apply(t2)
        t4 = self.conv2d_transpose_0.apply(t3)
        t5 = dl.ops.reshape(t4, [576])
        image = self.dense_0.apply(t5)
        t6 = self.conv1d_0.apply(s_)
        sequence = self.lstm_0.apply(t6)
        t7 = dl.ops.concat([image, sequence], -1)
        t8 = self.dense_1.apply(t7)
        return t8

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
