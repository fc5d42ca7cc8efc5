"""dl_torch: the PyTorch engine of DL. What `dl compile --target torch` modules import
(`import dl_torch as dl`); it mirrors the tfjs runtime's contract (runtime/CONTRACT.md) name
for name, so generated Python reads like the generated TypeScript."""
from . import data, init, layers, losses, metrics, ops, optim, schedules
from .checkpoint import RunFolderError
from .data import DataError
from .init_weights import WeightsError
from .module import Module
from .rng import Rng, random
from .train import TrainingError, run
from .weights import read_weights, write_weights
from .main import main
from .losses import penalty as _penalty  # noqa: F401


def reparameterize(mu, logvar, rng):
    """z = μ + ε·exp(½ log σ²), ε ~ N(0, 1) from `rng`."""
    import torch

    return mu + random.normal(list(mu.shape), rng) * torch.exp(0.5 * logvar)


def reflectionPad(x, pads):
    """ReflectionPad2d over NHWC with [[top, bottom], [left, right]]."""
    import torch.nn.functional as F

    (t, b), (l, r) = pads
    return F.pad(x.permute(0, 3, 1, 2), (l, r, t, b), mode="reflect").permute(0, 2, 3, 1)


def labelGrid(n, classes):
    """One-hot rows cycling through the classes."""
    import torch

    return torch.nn.functional.one_hot(torch.arange(n) % classes, classes).float()
