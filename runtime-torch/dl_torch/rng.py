"""Seeded, counter-based random streams, bit for bit those of the tfjs runtime (runtime/rng.ts).

A stream is a 32-bit key plus a counter; draw i is mix32(key, i). ``child(name)`` derives a key
from the parent's key and the name, so data order (``permutation``) is the same on both engines.
Random tensors (``normal``, ``uniform``) come from a torch.Generator seeded by one draw of the
stream: reproducible on this engine, but not the same numbers as tfjs's seeded kernels.
"""
import math

import torch

M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M32


def mix32(a, b):
    """A 32-bit hash of two words (murmur3's finalizer), as runtime/rng.ts."""
    a &= M32
    b &= M32
    h = (_imul(a ^ 0x85EBCA6B, 0x9E3779B1) + _imul((b + 0x6A09E667) & M32, 0xC2B2AE35)) & M32
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = _imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h


def hash_string(s):
    """FNV-1a over UTF-16 code units, as runtime/rng.ts."""
    h = 0x811C9DC5
    for unit in s.encode("utf-16-le").hex(" ", 2).split():
        code = int(unit[2:4] + unit[0:2], 16)
        h = _imul(h ^ code, 0x01000193)
    return h


class Rng:
    """A deterministic random stream; ``child("a")`` twice is the same stream."""

    def __init__(self, seed, path="", parent=None):
        self.key = mix32(int(seed) & M32, 0x9E3779B9)
        self.path = path
        self.counter = 0
        self.children = {}
        self.root = parent.root if parent is not None else self
        self.pending = None

    def child(self, name):
        c = self.children.get(name)
        if c is None:
            c = Rng(mix32(self.key, hash_string(name)), f"{self.path}/{name}" if self.path else name, self)
            restored = (self.root.pending or {}).get(c.path)
            if restored is not None:
                c.counter = restored
            self.children[name] = c
        return c

    def nextUint32(self):
        v = mix32(self.key, self.counter)
        self.counter += 1
        return v

    def next(self):
        return self.nextUint32() / 4294967296

    def seed(self):
        return self.nextUint32()

    def generator(self, device=None):
        """A torch.Generator seeded from the next draw (on `device`'s kind)."""
        g = torch.Generator(device=device or "cpu")
        g.manual_seed(self.seed())
        return g

    def state(self):
        out = {}

        def walk(r):
            if r.counter != 0:
                out[r.path] = r.counter
            for c in r.children.values():
                walk(c)

        walk(self)
        return out

    def restore(self, state):
        self.root.pending = dict(state)

        def walk(r):
            r.counter = state.get(r.path, 0)
            for c in r.children.values():
                walk(c)

        walk(self)


def permutation(n, rng):
    """A seeded Fisher-Yates permutation of 0..n-1, the same as runtime/rng.ts's."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(rng.next() * (i + 1))
        p[i], p[j] = p[j], p[i]
    return p


_device = ["cpu"]


def set_device(device):
    """The device new tensors go to (set by the engine)."""
    _device[0] = str(device)


def device():
    return torch.device(_device[0])


class _Random:
    """``dl.random``: seeded random tensors drawn from a stream."""

    @staticmethod
    def normal(shape, rng, mean=0, std=1):
        g = rng.generator()
        return (torch.randn([int(s) for s in shape], generator=g) * std + mean).to(device())

    @staticmethod
    def uniform(shape, lo, hi, rng):
        g = rng.generator()
        return (torch.rand([int(s) for s in shape], generator=g) * (hi - lo) + lo).to(device())


random = _Random()
