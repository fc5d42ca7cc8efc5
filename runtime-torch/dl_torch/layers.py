"""``dl.layers`` on torch: the tfjs runtime's layers (runtime/nn) with the same constructor
options, variable names and NHWC semantics. Convolutions permute NHWC to a channels-last NCHW
view (no copy), run torch's kernel and permute back, so flatten order, shapes and weights by
name match the tfjs engine; weights are stored in torch's layouts (see module.py)."""
import math

import torch
import torch.nn.functional as F

from . import init as I
from .module import Module


def _pair(v):
    return (int(v[0]), int(v[1])) if isinstance(v, (list, tuple)) else (int(v), int(v))


def same_padding(size, k, s, d):
    """TensorFlow's "same": [before, after] with the extra row at the end."""
    eff = (k - 1) * d + 1
    out = math.ceil(size / s)
    total = max((out - 1) * s + eff - size, 0)
    return total // 2, total - total // 2


def explicit_padding(padding, h, w, kernel, stride, dilation):
    if isinstance(padding, (list, tuple)):
        (t, b), (l, r) = padding
        return int(t), int(b), int(l), int(r)
    if padding == "valid":
        return 0, 0, 0, 0
    t, b = same_padding(h, kernel[0], stride[0], dilation[0])
    l, r = same_padding(w, kernel[1], stride[1], dilation[1])
    return t, b, l, r


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def conv2d_nhwc(x, weight, bias, stride, padding, dilation, groups, kernel):
    """A convolution of NHWC `x` with torch weight [out, in/g, kh, kw], TF padding semantics."""
    t, b, l, r = explicit_padding(padding, x.shape[1], x.shape[2], kernel, stride, dilation)
    xc = nchw(x)
    if t == b and l == r:
        y = F.conv2d(xc, weight, bias, stride, (t, l), dilation, groups)
    else:
        y = F.conv2d(F.pad(xc, (l, r, t, b)), weight, bias, stride, 0, dilation, groups)
    return nhwc(y)


class Dense(Module):
    """y = x·W + b over the last axis; kernel [in, units] in checkpoints, torch [units, in]."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.options = o
        fan = o["inFeatures"]
        default = I.pytorchDefault(fan)
        self.kernel = self.param("kernel", [fan, o["units"]], o.get("init") or default, layout="matrix")
        self.bias = self.param("bias", [o["units"]], o.get("biasInit") or default) if o.get("bias", True) else None

    def apply(self, x):
        return F.linear(x, self.kernel, self.bias)


class Conv2D(Module):
    """2-D convolution of [B, H, W, C]; kernel [kh, kw, C/g, filters] in checkpoints."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.kernel_size = _pair(o["kernel"])
        self.stride = _pair(o.get("stride", 1))
        self.dilation = _pair(o.get("dilation", 1))
        self.groups = int(o.get("groups", 1))
        self.padding = o.get("padding", "valid")
        kh, kw = self.kernel_size
        cin = o["inChannels"] // self.groups
        default = I.pytorchDefault(cin * kh * kw)
        self.kernel = self.param("kernel", [kh, kw, cin, o["filters"]], o.get("init") or default, layout="conv2d")
        self.bias = self.param("bias", [o["filters"]], o.get("biasInit") or default) if o.get("bias", True) else None
        # Padding that does not depend on the input size, as torch's symmetric (top, left), once.
        self.symmetric = None
        if self.padding != "same":
            t, b, l, r = explicit_padding(self.padding, 0, 0, self.kernel_size, self.stride, self.dilation)
            if t == b and l == r:
                self.symmetric = (t, l)

    def apply(self, x):
        if self.symmetric is not None:
            return nhwc(F.conv2d(nchw(x), self.kernel, self.bias, self.stride, self.symmetric, self.dilation, self.groups))
        return conv2d_nhwc(x, self.kernel, self.bias, self.stride, self.padding, self.dilation, self.groups, self.kernel_size)


class Conv1D(Module):
    """1-D convolution of [B, T, C]; kernel [k, C/g, filters] in checkpoints."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.k = int(o["kernel"])
        self.stride = int(o.get("stride", 1))
        self.dilation = int(o.get("dilation", 1))
        self.groups = int(o.get("groups", 1))
        self.padding = o.get("padding", "valid")
        cin = o["inChannels"] // self.groups
        default = I.pytorchDefault(cin * self.k)
        self.kernel = self.param("kernel", [self.k, cin, o["filters"]], o.get("init") or default, layout="conv1d")
        self.bias = self.param("bias", [o["filters"]], o.get("biasInit") or default) if o.get("bias", True) else None

    def apply(self, x):
        if self.padding == "valid":
            lo = hi = 0
        elif self.padding == "same":
            lo, hi = same_padding(x.shape[1], self.k, self.stride, self.dilation)
        else:
            lo = hi = int(self.padding)
        y = F.conv1d(F.pad(x.permute(0, 2, 1), (lo, hi)), self.kernel, self.bias, self.stride, 0, self.dilation, self.groups)
        return y.permute(0, 2, 1)


class Conv2DTranspose(Module):
    """Transposed convolution; kernel [kh, kw, filters, in] in checkpoints, torch [in, filters, kh, kw]."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.options = o
        kh, kw = self.kernel_size = _pair(o["kernel"])
        self.stride = _pair(o.get("stride", 1))
        default = I.pytorchDefault(o["filters"] * kh * kw)
        self.kernel = self.param("kernel", [kh, kw, o["filters"], o["inChannels"]], o.get("init") or default, layout="conv2d")
        self.bias = self.param("bias", [o["filters"]], o.get("biasInit") or default) if o.get("bias", True) else None

    def apply(self, x):
        padding = self.options.get("padding", "valid")
        y = F.conv_transpose2d(nchw(x), self.kernel, None, self.stride)
        kh, kw = self.kernel_size
        sh, sw = self.stride
        h, w = x.shape[1], x.shape[2]
        if padding == "same":
            # TensorFlow's "same": output H·s, cropping (k - s) rows split with the extra at the end... as tf.conv2dTranspose.
            th, tw = max(kh - sh, 0), max(kw - sw, 0)
            t, l = th // 2, tw // 2
            y = y[:, :, t : t + h * sh, l : l + w * sw]
            if y.shape[2] < h * sh or y.shape[3] < w * sw:
                y = F.pad(y, (0, w * sw - y.shape[3], 0, h * sh - y.shape[2]))
        else:
            extra = int(self.options.get("outputPadding", 0))
            if extra:
                y = F.pad(y, (0, extra, 0, extra))
            if isinstance(padding, (list, tuple)):
                (t, b), (l, r) = padding
                y = y[:, :, t : y.shape[2] - b, l : y.shape[3] - r]
        if self.bias is not None:
            y = y + self.bias.view(1, -1, 1, 1)
        return nhwc(y)


def _depthwise_layout(m):
    return (
        lambda t: t.permute(2, 3, 0, 1).reshape(t.shape[2] * m, 1, t.shape[0], t.shape[1]),
        lambda t: t.reshape(t.shape[0] // m, m, t.shape[2], t.shape[3]).permute(2, 3, 0, 1),
    )


class DepthwiseConv2D(Module):
    """Depthwise convolution; kernel [kh, kw, C, multiplier] in checkpoints."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.o = o
        kh, kw = self.kernel_size = _pair(o["kernel"])
        self.m = int(o.get("multiplier", 1))
        c = o["inChannels"]
        default = I.pytorchDefault(kh * kw)
        self.kernel = self.param("kernel", [kh, kw, c, self.m], default, layout=_depthwise_layout(self.m))
        self.bias = self.param("bias", [c * self.m], default) if o.get("bias", True) else None

    def apply(self, x):
        o = self.o
        return conv2d_nhwc(x, self.kernel, self.bias, _pair(o.get("stride", 1)), o.get("padding", "valid"), _pair(o.get("dilation", 1)), o["inChannels"], self.kernel_size)


class SeparableConv2D(Module):
    """Depthwise then pointwise convolution; `depthwise` [kh, kw, C, m], `pointwise` [1, 1, C·m, filters]."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.o = o
        kh, kw = self.kernel_size = _pair(o["kernel"])
        self.m = int(o.get("multiplier", 1))
        c = o["inChannels"]
        self.depthwise = self.param("depthwise", [kh, kw, c, self.m], I.pytorchDefault(kh * kw), layout=_depthwise_layout(self.m))
        point = I.pytorchDefault(c * self.m)
        self.pointwise = self.param("pointwise", [1, 1, c * self.m, o["filters"]], point, layout="conv2d")
        self.bias = self.param("bias", [o["filters"]], point) if o.get("bias", True) else None

    def apply(self, x):
        o = self.o
        d = conv2d_nhwc(x, self.depthwise, None, _pair(o.get("stride", 1)), o.get("padding", "valid"), _pair(o.get("dilation", 1)), o["inChannels"], self.kernel_size)
        return nhwc(F.conv2d(nchw(d), self.pointwise, self.bias))


class BatchNorm(Module):
    """Batch normalization over every axis but the last; running statistics PyTorch's way; frozen, it
    normalizes with them and leaves them unchanged."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.momentum = o.get("momentum", 0.1)
        self.eps = o.get("eps", 1e-5)
        n = o["features"]
        affine = o.get("affine", True)
        self.gamma = self.param("gamma", [n], I.ones) if affine else None
        self.beta = self.param("beta", [n], I.zeros) if affine else None
        self.runningMean = self.param("runningMean", [n], I.zeros, False)
        self.runningVar = self.param("runningVar", [n], I.ones, False)

    def apply(self, x, training):
        # Frozen (`freeze net.body_0`), it infers with its running statistics, as on tfjs.
        training = training and not self.isFrozen()
        if x.dim() == 4:
            y = F.batch_norm(nchw(x), self.runningMean, self.runningVar, self.gamma, self.beta, training, self.momentum, self.eps)
            return nhwc(y)
        if x.dim() == 2:
            return F.batch_norm(x, self.runningMean, self.runningVar, self.gamma, self.beta, training, self.momentum, self.eps)
        flat = x.reshape(-1, x.shape[-1])
        return F.batch_norm(flat, self.runningMean, self.runningVar, self.gamma, self.beta, training, self.momentum, self.eps).reshape(x.shape)


class LayerNorm(Module):
    """Normalizes the last axis."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.n = o["features"]
        self.eps = o.get("eps", 1e-5)
        affine = o.get("affine", True)
        self.gamma = self.param("gamma", [self.n], I.ones) if affine else None
        self.beta = self.param("beta", [self.n], I.zeros) if affine else None

    def apply(self, x):
        return F.layer_norm(x, (self.n,), self.gamma, self.beta, self.eps)


class InstanceNorm(Module):
    """Normalizes each example's channels over the spatial axes of [B, H, W, C]."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.eps = o.get("eps", 1e-5)
        affine = o.get("affine", False)
        self.gamma = self.param("gamma", [o["features"]], I.ones) if affine else None
        self.beta = self.param("beta", [o["features"]], I.zeros) if affine else None

    def apply(self, x):
        return nhwc(F.instance_norm(nchw(x), weight=self.gamma, bias=self.beta, eps=self.eps))


class Dropout(Module):
    """Inverted dropout, seeded from the layer's own stream."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.rate = o["rate"]

    def apply(self, x, training):
        if not training or self.rate == 0:
            return x
        g = self.rng.generator()
        keep = (torch.rand(x.shape, generator=g) >= self.rate).to(x.device, x.dtype)
        return x * keep / (1 - self.rate)


class DropPath(Module):
    """Stochastic depth (timm's DropPath, torchvision's StochasticDepth "row"): whole examples
    zeroed with probability `rate` while training, the kept ones scaled by 1 / (1 - rate)."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.rate = o["rate"]

    def apply(self, x, training):
        if not training or self.rate == 0:
            return x
        keep = 1 - self.rate
        g = self.rng.generator()
        mask = (torch.rand([x.shape[0]] + [1] * (x.dim() - 1), generator=g) < keep).to(x.device, x.dtype)
        return x * (mask / keep)


class Embedding(Module):
    """Token ids -> rows of `table` [vocab, dim]."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.table = self.param("table", [o["vocab"], o["dim"]], I.normal(1))

    def apply(self, tokens):
        return F.embedding(tokens.long(), self.table)


_GATES = {"rnn": 1, "lstm": 4, "gru": 3}


class _Recurrent(Module):
    """Stacked, optionally bidirectional recurrences as torch.nn.RNN/LSTM/GRU(batch_first=True)."""

    cell = "rnn"

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.o = o
        units = o["units"]
        self.layers = int(o.get("layers", 1))
        self.dirs = 2 if o.get("bidirectional") else 1
        g = _GATES[self.cell] * units
        default = I.uniform(1 / math.sqrt(units))
        self.w = []
        for l in range(self.layers):
            n_in = o["inputSize"] if l == 0 else units * self.dirs
            row = []
            for d in range(self.dirs):
                s = f"L{l}{'Reverse' if d else ''}"
                wi = self.param(f"weightIh{s}", [n_in, g], o.get("init") or default, layout="matrix")
                wh = self.param(f"weightHh{s}", [units, g], o.get("recurrentInit") or default, layout="matrix")
                bi = self.param(f"biasIh{s}", [g], o.get("biasInit") or default) if o.get("bias", True) else None
                bh = self.param(f"biasHh{s}", [g], o.get("biasInit") or default) if o.get("bias", True) else None
                row.append(f"{s}")
            self.w.append(row)

    def _run(self, seq, s, reverse):
        wi, wh = getattr(self, f"weightIh{s}"), getattr(self, f"weightHh{s}")
        bi, bh = getattr(self, f"biasIh{s}", None), getattr(self, f"biasHh{s}", None)
        b, t, _ = seq.shape
        units = self.o["units"]
        projected = F.linear(seq, wi, bi)
        h = seq.new_zeros(b, units)
        c = seq.new_zeros(b, units)
        outputs = [None] * t
        for k in range(t):
            i = t - 1 - k if reverse else k
            xi = projected[:, i]
            hh = F.linear(h, wh, bh)
            if self.cell == "rnn":
                h = torch.tanh(xi + hh)
            elif self.cell == "lstm":
                ig, fg, gg, og = (xi + hh).chunk(4, 1)
                c = torch.sigmoid(fg) * c + torch.sigmoid(ig) * torch.tanh(gg)
                h = torch.sigmoid(og) * torch.tanh(c)
            else:
                xr, xz, xn = xi.chunk(3, 1)
                hr, hz, hn = hh.chunk(3, 1)
                r = torch.sigmoid(xr + hr)
                z = torch.sigmoid(xz + hz)
                n = torch.tanh(xn + r * hn)
                h = (1 - z) * n + z * h
            outputs[i] = h
        return torch.stack(outputs, 1), h

    def apply(self, x):
        seq, last = x, None
        for row in self.w:
            runs = [self._run(seq, s, d == 1) for d, s in enumerate(row)]
            seq = runs[0][0] if len(runs) == 1 else torch.cat([r[0] for r in runs], 2)
            last = runs[0][1] if len(runs) == 1 else torch.cat([r[1] for r in runs], 1)
        return seq if self.o.get("returnSequences") else last


class RNN(_Recurrent):
    cell = "rnn"


class LSTM(_Recurrent):
    cell = "lstm"


class GRU(_Recurrent):
    cell = "gru"


class MultiHeadAttention(Module):
    """Multi-head attention as runtime/nn/attention.ts: `inProjKernel` [D, 3D], `outKernel` [D, D]
    in checkpoints (torch's in_proj_weight [3D, D] and out_proj.weight [D, D] layouts here)."""

    def __init__(self, parent, name, o):
        super().__init__(parent, name)
        self.o = o
        d = o["dModel"]
        if d % o["heads"]:
            raise ValueError(f"{self.path}: heads={o['heads']} must divide dModel={d}")
        self.inProjKernel = self.param("inProjKernel", [d, 3 * d], I.uniform(math.sqrt(6 / (d + 3 * d))), layout="matrix")
        self.inProjBias = self.param("inProjBias", [3 * d], I.zeros)
        self.outKernel = self.param("outKernel", [d, d], I.pytorchDefault(d), layout="matrix")
        self.outBias = self.param("outBias", [d], I.zeros)

    def apply(self, query, memory, mask, training):
        d, heads = self.o["dModel"], self.o["heads"]
        dk = d // heads
        b, tq = query.shape[0], query.shape[1]
        source = query if memory is None else memory
        tk = source.shape[1]

        def split(x, t):
            return x.reshape(b, t, heads, dk).permute(0, 2, 1, 3)

        if memory is None:
            pq, pk, pv = F.linear(query, self.inProjKernel, self.inProjBias).chunk(3, -1)
        else:
            pq = F.linear(query, self.inProjKernel[:d], self.inProjBias[:d])
            pk, pv = F.linear(source, self.inProjKernel[d:], self.inProjBias[d:]).chunk(2, -1)
        q, k, v = split(pq, tq), split(pk, tk), split(pv, tk)
        scores = q @ k.transpose(-1, -2) / math.sqrt(dk)
        if self.o.get("causal"):
            allowed = torch.tril(torch.ones(tq, tk, device=query.device))
            scores = scores + (1 - allowed) * -1e9
        if mask is not None:
            scores = scores + (1 - mask.float().unsqueeze(1)) * -1e9
        weights = torch.softmax(scores, -1)
        rate = self.o.get("dropout", 0) or 0
        if training and rate > 0:
            g = self.rng.generator()
            keep = (torch.rand(weights.shape, generator=g) >= rate).to(weights.device, weights.dtype)
            weights = weights * keep / (1 - rate)
        context = (weights @ v).permute(0, 2, 1, 3).reshape(b, tq, d)
        return F.linear(context, self.outKernel, self.outBias)
