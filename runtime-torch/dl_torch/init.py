"""Initializers (``dl.init``), as runtime/nn/init.ts: functions of a tfjs-layout shape and a
stream to a tensor (PyTorch's defaults; fans from `[...window, in, out]`)."""
import math

import torch


def _gen(rng):
    return rng.generator()


def zeros(shape, rng=None):
    return torch.zeros(shape)


def ones(shape, rng=None):
    return torch.ones(shape)


def uniform(bound):
    return lambda shape, rng: (torch.rand(shape, generator=_gen(rng)) * 2 - 1) * bound


def uniformRange(low, high):
    return lambda shape, rng: torch.rand(shape, generator=_gen(rng)) * (high - low) + low


def normal(std, mean=0):
    return lambda shape, rng: torch.randn(shape, generator=_gen(rng)) * std + mean


def constant(value):
    return lambda shape, rng=None: torch.full(shape, float(value))


def pytorchDefault(fan_in):
    return uniform(1 / math.sqrt(fan_in) if fan_in > 0 else 0)


def kaimingUniform(fan_in):
    return uniform(math.sqrt(6 / fan_in))


def glorotUniform(fan_in, fan_out):
    return uniform(math.sqrt(6 / (fan_in + fan_out)))


def fans(shape):
    receptive = 1
    for s in shape[:-2]:
        receptive *= s
    return receptive * shape[-2], receptive * shape[-1]


def gain(nonlinearity, a=0):
    return {"relu": math.sqrt(2), "leaky_relu": math.sqrt(2 / (1 + a * a)), "tanh": 5 / 3}.get(nonlinearity, 1)


def _scaled(shape, rng, std, distribution):
    if distribution == "normal":
        return torch.randn(shape, generator=_gen(rng)) * std
    bound = math.sqrt(3) * std
    return (torch.rand(shape, generator=_gen(rng)) * 2 - 1) * bound


def kaiming(o=None, **kw):
    o = {**(o or {}), **kw}
    mode, nonlinearity, a, distribution = o.get("mode", "fan_in"), o.get("nonlinearity", "leaky_relu"), o.get("a", 0), o.get("distribution", "normal")

    def init(shape, rng):
        fi, fo = fans(shape)
        fan = fi if mode == "fan_in" else fo
        return _scaled(shape, rng, gain(nonlinearity, a) / math.sqrt(fan), distribution)

    return init


def xavier(o=None, **kw):
    o = {**(o or {}), **kw}
    g, distribution = o.get("gain", 1), o.get("distribution", "uniform")

    def init(shape, rng):
        fi, fo = fans(shape)
        return _scaled(shape, rng, g * math.sqrt(2 / (fi + fo)), distribution)

    return init


def orthogonal(gainValue=1):
    def init(shape, rng):
        cols = shape[-1]
        rows = math.prod(shape) // cols
        tall = rows >= cols
        draw = torch.randn([rows, cols] if tall else [cols, rows], generator=_gen(rng))
        q, r = torch.linalg.qr(draw)
        q = q * torch.sign(torch.diagonal(r)).unsqueeze(0)
        if not tall:
            q = q.t()
        return (q * gainValue).reshape(shape)

    return init
