"""Random augmentations of image batches [N, H, W, C], as runtime/data/augment.ts.

Each transform draws from ``Rng(ctx["seed"]).child(f"{name}/{position}")`` in the same order as
the tfjs runtime, and crops and flips gather whole pixels, so both engines give the same
augmented batches (brightness and contrast factors too; contrast's mean is a float sum, equal to
rounding). Each function returns the ``(apply, shape)`` pair that ``Dataset._map`` takes.
"""
import math

import numpy as np
import torch

from .rng import Rng


def _stream(ctx, name, position):
    return Rng(ctx["seed"]).child(f"{name}/{position}")


def _gather(t, rows, cols):
    """Pixels ``t[i, rows[i, r], cols[i, c]]`` for every image i: [n, len(r), len(c), C]."""
    n = t.shape[0]
    i = torch.arange(n, device=t.device)[:, None, None]
    r = torch.as_tensor(rows, device=t.device)[:, :, None]
    c = torch.as_tensor(cols, device=t.device)[:, None, :]
    return t[i, r, c]


def random_crop(size, padding, position):
    ch, cw = int(size[0]), int(size[1])

    def apply(t, ctx):
        n, h, w = t.shape[0], t.shape[1], t.shape[2]
        ph, pw = h + 2 * padding, w + 2 * padding
        if ch > ph or cw > pw:
            raise ValueError(f"random_crop: a {ch}x{cw} window does not fit images of {ph}x{pw}")
        padded = torch.nn.functional.pad(t, (0, 0, padding, padding, padding, padding)) if padding > 0 else t
        rng = _stream(ctx, "random_crop", position)
        rows = np.zeros((n, ch), np.int64)
        cols = np.zeros((n, cw), np.int64)
        for i in range(n):
            dy = math.floor(rng.next() * (ph - ch + 1))
            dx = math.floor(rng.next() * (pw - cw + 1))
            rows[i] = np.arange(dy, dy + ch)
            cols[i] = np.arange(dx, dx + cw)
        return _gather(padded, rows, cols)

    return apply, lambda s: [ch, cw, *s[2:]]


def center_crop(size):
    """The centre window (torchvision's CenterCrop: offsets int(round((H - size) / 2)))."""
    ch, cw = int(size[0]), int(size[1])

    def apply(t, ctx):
        h, w = t.shape[1], t.shape[2]
        if ch > h or cw > w:
            raise ValueError(f"center_crop: a {ch}x{cw} window does not fit images of {h}x{w}")
        dy, dx = int(round((h - ch) / 2)), int(round((w - cw) / 2))
        return t[:, dy : dy + ch, dx : dx + cw]

    return apply, lambda s: [ch, cw, *s[2:]]


def random_flip(horizontal, vertical, p, position):
    def apply(t, ctx):
        n, h, w = t.shape[0], t.shape[1], t.shape[2]
        rng = _stream(ctx, "random_flip", position)
        rows = np.tile(np.arange(h), (n, 1))
        cols = np.tile(np.arange(w), (n, 1))
        for i in range(n):
            # Both draws for every image, as the tfjs runtime takes them.
            fx = rng.next() < p and horizontal
            fy = rng.next() < p and vertical
            if fx:
                cols[i] = cols[i][::-1]
            if fy:
                rows[i] = rows[i][::-1]
        return _gather(t, rows, cols)

    return apply, lambda s: s


def _factors(rng, n, delta, t):
    lo = max(0.0, 1.0 - delta)
    f = np.array([lo + (1 + delta - lo) * rng.next() for _ in range(n)], np.float32)
    return torch.from_numpy(f).to(t.device).reshape(n, 1, 1, 1)


def random_brightness(delta, position):
    return (lambda t, ctx: t * _factors(_stream(ctx, "random_brightness", position), t.shape[0], delta, t)), (lambda s: s)


def random_contrast(delta, position):
    def apply(t, ctx):
        if t.shape[3] == 3:
            gray = (t * torch.tensor([0.299, 0.587, 0.114], device=t.device)).sum(3, keepdim=True)
        else:
            gray = t.mean(3, keepdim=True)
        mean = gray.mean((1, 2, 3), keepdim=True)
        f = _factors(_stream(ctx, "random_contrast", position), t.shape[0], delta, t)
        return f * t + (1 - f) * mean

    return apply, lambda s: s
