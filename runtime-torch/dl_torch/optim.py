"""``dl.optim`` on torch.optim, with the tfjs runtime's defaults (runtime/optim): sgd,
momentum, adam, adamw, rmsprop, plus clipNorm, clipValue, weightClip, weightDecay and schedules.

Gradients are taken with torch.autograd.grad over this optimizer's parameters only (as the tfjs
engine does), averaged across processes when training data-parallel (distributed.py), then
torch.optim applies the update."""
import torch

from . import distributed


class Optimizer:
    """One torch.optim optimizer over the trainable parameters of `models`."""

    def __init__(self, models, options, make):
        self.models = models if isinstance(models, (list, tuple)) else [models]
        self.options = options
        self.step = 0
        self.epoch = 0
        params = [p for m in self.models for p in m.parameters()]
        self.inner = make(params, float(options["lr"]))

    @property
    def lr(self):
        s = self.options.get("schedule")
        base = float(self.options["lr"])
        return s({"step": self.step, "epoch": self.epoch}, base) if s else base

    def variables(self):
        return [p for m in self.models for p in m.trainableVariables()]

    def minimize(self, fn):
        params = self.variables()
        loss = fn()
        if not params:
            self.step += 1
            return loss.detach()
        grads = torch.autograd.grad(loss, params, allow_unused=True)
        grads = [torch.zeros_like(p) if g is None else g for p, g in zip(params, grads)]
        distributed.average(grads)
        o = self.options
        if o.get("clipValue") is not None:
            grads = [g.clamp(-o["clipValue"], o["clipValue"]) for g in grads]
        if o.get("clipNorm") is not None:
            norm = torch.sqrt(sum((g.double() ** 2).sum() for g in grads)).float()
            scale = torch.clamp(o["clipNorm"] / torch.clamp(norm, min=1e-12), max=1.0)
            grads = [g * scale for g in grads]
        for p, g in zip(params, grads):
            p.grad = g
        lr = self.lr
        for group in self.inner.param_groups:
            group["lr"] = lr
        self.inner.step()
        for p in params:
            p.grad = None
        if o.get("weightClip") is not None:
            with torch.no_grad():
                for p in params:
                    p.clamp_(-o["weightClip"], o["weightClip"])
        self.step += 1
        return loss.detach()

    def state(self):
        return {"step": self.step, "torch": self.inner.state_dict()}

    def loadState(self, state):
        self.step = state["step"]
        self.inner.load_state_dict(state["torch"])


def sgd(models, o=None, **kw):
    o = {**(o or {}), **kw}
    if o.get("nesterov") and not o.get("momentum"):
        raise ValueError("sgd: nesterov needs momentum > 0 (as torch.optim.SGD)")
    return Optimizer(models, o, lambda ps, lr: torch.optim.SGD(ps, lr, momentum=o.get("momentum", 0) or 0, nesterov=bool(o.get("nesterov")), weight_decay=o.get("weightDecay", 0) or 0))


def momentum(models, o=None, **kw):
    o = {**(o or {}), **kw}
    return Optimizer(models, o, lambda ps, lr: torch.optim.SGD(ps, lr, momentum=o.get("momentum", 0.9), nesterov=bool(o.get("nesterov")), weight_decay=o.get("weightDecay", 0) or 0))


def adam(models, o=None, **kw):
    o = {**(o or {}), **kw}
    return Optimizer(models, o, lambda ps, lr: torch.optim.Adam(ps, lr, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)), eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0) or 0))


def adamw(models, o=None, **kw):
    o = {**(o or {}), **kw}
    return Optimizer(models, o, lambda ps, lr: torch.optim.AdamW(ps, lr, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)), eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0.01)))


def rmsprop(models, o=None, **kw):
    o = {**(o or {}), **kw}
    return Optimizer(models, o, lambda ps, lr: torch.optim.RMSprop(ps, lr, alpha=o.get("alpha", 0.99), eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0) or 0))
