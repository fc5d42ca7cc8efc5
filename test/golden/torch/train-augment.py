# Generated from test/golden/codegen/train-augment.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A small convnet on 24×24 crops of MNIST: the training set is cropped at random from images
# padded by 2, flipped, and jittered in brightness and contrast; the test set takes the centre.
# SmallNet(classes=10) on x: f32[B, 24, 24, 1].
# Trainable parameters: 9770.
class SmallNet(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 968, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t4 = dl.ops.reshape(t3, [968])
        t5 = self.dense_0.apply(t4)
        return t5


# The training program `train augmented`; run it with dl.run().
def augmented():
    def _build(rng):
        net = SmallNet(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 22, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            return {"accuracy": t2}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).randomCrop([24, 24], {"padding": 2, "field": "x"}).randomFlip({"horizontal": True, "vertical": True, "p": 0.25, "field": "x"}).randomBrightness(0.2, {"field": "x"}).randomContrast(0.1, {"field": "x"}).noise(0.01, {"field": "x"}).batch(64, {"shuffle": True, "dropLast": False}), "test": dl.data.mnist({"split": "test"}).centerCrop([24, 24], {"field": "x"}).batch(1000, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "augmented", "source": "test/golden/codegen/train-augment.dl", "seed": 3, "epochs": 2, "build": _build}

TRAIN_PROGRAMS = ["augmented"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
