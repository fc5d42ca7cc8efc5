"""``dl.schedules``: learning-rate schedules as runtime/optim/schedules.ts (PyTorch's StepLR,
MultiStepLR, ExponentialLR, CosineAnnealingLR, linear warm-up, OneCycleLR), functions of the
position ``{step, epoch}`` and the base rate, recomputed after a resume."""
import math


def _pos(at, unit):
    return at["epoch"] if unit == "epoch" else at["step"]


def step(o=None, **kw):
    o = {**(o or {}), **kw}
    g = o.get("gamma", 0.1)
    return lambda at, lr: lr * g ** math.floor(_pos(at, o.get("unit", "epoch")) / o["every"])


def cosine(o=None, **kw):
    o = {**(o or {}), **kw}
    lo = o.get("min", 0)

    def f(at, lr):
        t = min(_pos(at, o.get("unit", "epoch")) / o["total"], 1)
        return lo + (lr - lo) * (1 + math.cos(math.pi * t)) / 2

    return f


def warmup(o=None, **kw):
    o = {**(o or {}), **kw}

    def f(at, lr):
        if at["step"] < o["steps"]:
            return lr * (at["step"] + 1) / o["steps"]
        then = o.get("then")
        return then({"step": at["step"] - o["steps"], "epoch": at["epoch"]}, lr) if then else lr

    return f


def multistep(o=None, **kw):
    o = {**(o or {}), **kw}
    g = o.get("gamma", 0.1)
    return lambda at, lr: lr * g ** len([m for m in o["milestones"] if _pos(at, o.get("unit", "epoch")) >= m])


def exponential(o=None, **kw):
    o = {**(o or {}), **kw}
    return lambda at, lr: lr * o["gamma"] ** _pos(at, o.get("unit", "epoch"))


def oneCycle(o=None, **kw):
    o = {**(o or {}), **kw}
    pct, div, final = o.get("pctStart", 0.3), o.get("divFactor", 25), o.get("finalDivFactor", 1e4)

    def anneal(start, end, f):
        return end + (start - end) / 2 * (math.cos(math.pi * f) + 1)

    def f(at, peak):
        initial = peak / div
        low = initial / final
        s = min(at["step"], o["total"] - 1)
        ramp_end = pct * o["total"] - 1
        if s <= ramp_end:
            return anneal(initial, peak, s / ramp_end if ramp_end > 0 else 1)
        return anneal(peak, low, (s - ramp_end) / (o["total"] - 1 - ramp_end))

    return f
