"""``dl.optim`` on torch.optim, with the tfjs runtime's defaults (runtime/optim): sgd,
momentum, adam, adamw, rmsprop, plus clipNorm, clipValue, weightClip, weightDecay and schedules.

Gradients are taken with torch.autograd.grad over this optimizer's parameters only (as the tfjs
engine does), averaged across processes when training data-parallel (distributed.py), then
torch.optim applies the update."""
import torch

from . import distributed


def _under(name, path):
    return path == "" or name == path or name.startswith(path + ".")


def _named_parameters(model):
    """The model's parameters by name under the model (`body_0.kernel`), as the tfjs runtime names them."""
    from .module import Module

    out = []
    for m in model.modules():
        if not isinstance(m, Module):
            continue
        for n, p in m._parameters.items():
            if p is not None:
                out.append((f"{m.path}.{n}"[len(model.path) + 1:], p))
    return out


class Optimizer:
    """One torch.optim optimizer over the trainable parameters of `models`; with
    ``options["groups"]`` (``{"model", "path", "lr"?, "weightDecay"?}`` each), over torch.optim
    param groups, one per group, each with its own base rate and weight decay."""

    def __init__(self, models, options, make):
        self.models = models if isinstance(models, (list, tuple)) else [models]
        self.options = options
        self.step = 0
        self.epoch = 0
        groups = options.get("groups")
        if not groups:
            self.bases = [float(options["lr"])]
            params = [p for m in self.models for p in m.parameters()]
            self.inner = make(params, float(options["lr"]))
            self.grouped = None
            return
        taken = {}
        param_groups = []
        for i, g in enumerate(groups):
            model = g["model"]
            if not any(model is m for m in self.models):
                raise ValueError(f"optimizer: group {i} names a model ({model.path}) that is none of its models")
            ps = []
            for name, p in _named_parameters(model):
                if not _under(name, g.get("path", "")):
                    continue
                if id(p) in taken:
                    raise ValueError(f"optimizer: {model.path}.{name} is in groups {taken[id(p)]} and {i}")
                taken[id(p)] = i
                ps.append(p)
            if not ps:
                raise ValueError(f"optimizer: group {i} ({model.path}{'.' + g['path'] if g.get('path') else ''}) names no weights")
            pg = {"params": ps, "lr": float(g.get("lr", options["lr"]))}
            if g.get("weightDecay") is not None:
                pg["weight_decay"] = float(g["weightDecay"])
            param_groups.append(pg)
        self.bases = [pg["lr"] for pg in param_groups]
        self.grouped = taken
        self.inner = make(param_groups, float(options["lr"]))

    def _rate(self, base):
        s = self.options.get("schedule")
        return s({"step": self.step, "epoch": self.epoch}, base) if s else base

    @property
    def lr(self):
        """The rate of the next update (of the first group, with groups)."""
        return self._rate(self.bases[0])

    @property
    def lrs(self):
        """Every group's rate of the next update, each scheduled from its own base."""
        return [self._rate(b) for b in self.bases]

    def variables(self):
        ps = [p for m in self.models for p in m.trainableVariables()]
        return ps if self.grouped is None else [p for p in ps if id(p) in self.grouped]

    def minimize(self, fn):
        params = self.variables()
        loss = fn()
        if not params:
            self.step += 1
            return loss.detach()
        grads = torch.autograd.grad(loss, params, allow_unused=True)
        # Each gradient in its parameter's memory layout (convolution kernels are channels-last,
        # module.py), so the optimizer's element-wise updates run over dense, matching memory.
        grads = [torch.zeros_like(p) if g is None else g if g.stride() == p.stride() else torch.empty_like(p).copy_(g) for p, g in zip(params, grads)]
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
        for group, lr in zip(self.inner.param_groups, self.lrs):
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
