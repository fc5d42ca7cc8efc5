"""``dl.Module`` on torch: a torch.nn.Module with the tfjs runtime's constructor
``(parent, name, rng)``, stable hierarchical names (``net.conv2d_0.kernel``) and parameters
stored in torch's layouts but created, saved and loaded in the tfjs runtime's layouts, so a
checkpoint of either engine loads into the other by name (see weights.py).
"""
import torch
from torch import nn

from .rng import Rng, device

# How a parameter's tfjs layout maps to torch's (and back): (to_torch, to_tfjs) on tensors.
LAYOUTS = {
    None: (lambda t: t, lambda t: t),
    # Dense kernel [in, out] <-> Linear weight [out, in]; recurrent [in, gates] <-> [gates, in].
    "matrix": (lambda t: t.t(), lambda t: t.t()),
    # Conv2D kernel [kh, kw, in/g, out] <-> [out, in/g, kh, kw]; Conv2DTranspose [kh, kw, out, in] <-> [in, out, kh, kw].
    "conv2d": (lambda t: t.permute(3, 2, 0, 1), lambda t: t.permute(2, 3, 1, 0)),
    # Conv1D kernel [k, in/g, out] <-> [out, in/g, k].
    "conv1d": (lambda t: t.permute(2, 1, 0), lambda t: t.permute(2, 1, 0)),
}


def _layout(layout):
    """A layout name from LAYOUTS, or a (to_torch, to_tfjs) pair of a layer's own."""
    return layout if isinstance(layout, tuple) else LAYOUTS[layout]


class Module(nn.Module):
    """Base class of every layer and generated model (CONTRACT.md "Modules and layers")."""

    def __init__(self, parent, name, rng=None):
        super().__init__()
        object.__setattr__(self, "dl_parent", parent)
        self.dl_name = name
        self.path = f"{parent.path}.{name}" if parent is not None else name
        self.rng = rng if rng is not None else (parent.rng.child(name) if parent is not None else Rng(0, name))
        self.frozen = False
        self.frozen_params = set()
        self.layouts = {}
        if parent is not None:
            if name in parent._modules:
                raise ValueError(f"module {self.path} is defined twice")
            parent.add_module(name, self)

    def __setattr__(self, key, value):
        # Generated code assigns children (`self.conv2d_0 = Conv2D(self, "conv2d_0", ...)`) that
        # already registered themselves under their DL name; keep that one registration.
        if isinstance(value, Module) and value.dl_parent is self:
            object.__setattr__(self, key, value)
            return
        super().__setattr__(key, value)

    def param(self, name, shape, init, trainable=True, layout=None):
        """A parameter (or, with trainable=False, a buffer) `path.name`, initialised in the tfjs
        layout `shape` and stored in torch's layout."""
        if name in self._parameters or name in self._buffers:
            raise ValueError(f"variable {self.path}.{name} is defined twice")
        value = init([int(s) for s in shape], self.rng.child(name))
        value = _layout(layout)[0](value.float())
        # Convolution kernels are kept channels-last, the memory format of the NHWC activations
        # they meet (runtime-torch convolves channels-last views): torch then neither reorders
        # the kernel on every call nor returns its gradient in another layout than the kernel's.
        fmt = torch.channels_last if value.dim() == 4 and layout is not None else torch.contiguous_format
        value = value.contiguous(memory_format=fmt).to(device())
        self.layouts[name] = layout
        if trainable:
            self.register_parameter(name, nn.Parameter(value))
        else:
            self.register_buffer(name, value)
        return getattr(self, name)

    def forward(self, *args, **kwargs):
        return self.apply(*args, **kwargs)

    def namedVariables(self):
        """Every parameter and buffer by stable name, in the tfjs layout (copies, on the CPU)."""
        out = {}
        for m in self.modules():
            if not isinstance(m, Module):
                continue
            for n, t in list(m._parameters.items()) + list(m._buffers.items()):
                if t is not None:
                    out[f"{m.path}.{n}"] = _layout(m.layouts.get(n))[1](t.detach()).contiguous().cpu()
        return out

    def loadVariables(self, tensors, source="weights", partial=False):
        """Sets every variable from `tensors` (tfjs layout, by stable name); a missing name or
        another shape is an error naming both. With `partial`, only the variables `tensors`
        names (an `init ... except ...`: the others keep their fresh values)."""
        with torch.no_grad():
            for m in self.modules():
                if not isinstance(m, Module):
                    continue
                for n, t in list(m._parameters.items()) + list(m._buffers.items()):
                    if t is None:
                        continue
                    key = f"{m.path}.{n}"
                    if key not in tensors:
                        if partial:
                            continue
                        raise KeyError(f"{source}: no tensor named {key}")
                    v = _layout(m.layouts.get(n))[0](torch.as_tensor(tensors[key]).float())
                    if tuple(v.shape) != tuple(t.shape):
                        raise ValueError(f"{source}: {key} has shape {list(tensors[key].shape)}, the model expects {list(_layout(m.layouts.get(n))[1](t).shape)}")
                    t.copy_(v)

    def trainableVariables(self):
        """Parameters outside frozen modules."""
        out = []

        def visit(m):
            if isinstance(m, Module) and m.frozen:
                return
            frozen = getattr(m, "frozen_params", ())
            out.extend(p for n, p in m._parameters.items() if p is not None and n not in frozen)
            for c in m.children():
                visit(c)

        visit(self)
        return out

    def parameterCount(self):
        return sum(p.numel() for p in self.parameters())

    def freeze(self, frozen=True):
        self.frozen = frozen
        return self

    def isFrozen(self):
        """Whether this module or one it belongs to is frozen: a frozen batch norm normalizes with
        its running statistics and leaves them unchanged, in training steps too (runtime/module.ts)."""
        return self.frozen or (self.dl_parent is not None and self.dl_parent.isFrozen())

    def freezeNamed(self, name):
        """Freezes a child module by its dotted path under this one (`features.conv2d_0`) or one
        variable (`dense_0.kernel`); False when nothing has that name (runtime/module.ts)."""
        parts = name.split(".")
        m = self
        for i, part in enumerate(parts):
            child = m._modules.get(part)
            if isinstance(child, Module):
                m = child
                continue
            if i == len(parts) - 1 and m._parameters.get(part) is not None:
                m.frozen_params.add(part)
                return True
            return False
        m.freeze()
        return True

    def dispose(self):
        pass
