"""``dl.ops`` on torch: the tfjs runtime's stateless operations (runtime/nn/ops.ts,
spatial-ops.ts, tensor-ops.ts) over NHWC tensors, as torch.nn.functional defines them."""
import builtins
import math

import torch
import torch.nn.functional as F

from .layers import nchw, nhwc, same_padding


def _t(v, like=None):
    return v if torch.is_tensor(v) else torch.tensor(float(v), device=like.device if like is not None else None)


relu = torch.relu
tanh = torch.tanh
sigmoid = torch.sigmoid


def leakyRelu(x, alpha=0.01):
    return F.leaky_relu(x, alpha)


def gelu(x, approximate="none"):
    return F.gelu(x, approximate=approximate)


silu = F.silu
relu6 = F.relu6
hardswish = F.hardswish
hardsigmoid = F.hardsigmoid
mish = F.mish
selu = torch.selu


def elu(x, alpha=1):
    return F.elu(x, alpha)


def softplus(x, beta=1, threshold=20):
    return F.softplus(x, beta, threshold)


def softmax(x, axis=-1):
    return torch.softmax(x, axis)


def flatten(x):
    return x.reshape(x.shape[0], -1)


def reshape(x, shape):
    return x.reshape(x.shape[0], *[int(s) for s in shape])


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def div(a, b):
    return a / b


def neg(a):
    return -a


def concat(xs, axis=-1):
    return torch.cat(xs, axis)


def _pair(v):
    return (int(v[0]), int(v[1])) if isinstance(v, (list, tuple)) else (int(v), int(v))


def _pool(x, o, kind):
    size = _pair(o["size"])
    stride = _pair(o.get("stride") or o["size"])
    padding = o.get("padding", "valid")
    xc = nchw(x)
    if padding == "same":
        t, b = same_padding(x.shape[1], size[0], stride[0], 1)
        l, r = same_padding(x.shape[2], size[1], stride[1], 1)
        if kind == "max":
            y = F.max_pool2d(F.pad(xc, (l, r, t, b), value=-math.inf), size, stride)
        else:
            # TensorFlow's "same" average leaves the padding out of the divisor.
            ones = torch.ones(1, 1, x.shape[1], x.shape[2], device=x.device, dtype=x.dtype)
            y = F.avg_pool2d(F.pad(xc, (l, r, t, b)), size, stride) / F.avg_pool2d(F.pad(ones, (l, r, t, b)), size, stride)
        return nhwc(y)
    pads = (0, 0) if padding in (None, "valid") else _pair(padding)
    ceil = bool(o.get("ceilMode", False))
    fn = F.max_pool2d if kind == "max" else F.avg_pool2d
    return nhwc(fn(xc, size, stride, pads, ceil_mode=ceil))


def maxPool(x, o=None, **kw):
    return _pool(x, {**(o or {}), **kw}, "max")


def avgPool(x, o=None, **kw):
    return _pool(x, {**(o or {}), **kw}, "avg")


def _pool1d(x, o, kind):
    padding = o.get("padding", "valid")
    o2 = {"size": [1, o["size"]], "stride": [1, o.get("stride") or o["size"]], "ceilMode": o.get("ceilMode", False)}
    o2["padding"] = [0, padding] if isinstance(padding, (int, float)) else padding
    y = _pool(x.unsqueeze(1), o2, kind)
    return y[:, 0]


def maxPool1d(x, o=None, **kw):
    return _pool1d(x, {**(o or {}), **kw}, "max")


def avgPool1d(x, o=None, **kw):
    return _pool1d(x, {**(o or {}), **kw}, "avg")


def globalAvgPool(x):
    return x.mean((1, 2))


def globalMaxPool(x):
    return x.amax((1, 2))


def adaptiveAvgPool(x, size):
    return nhwc(F.adaptive_avg_pool2d(nchw(x), _pair(size)))


def localResponseNorm(x, o=None, **kw):
    o = {**(o or {}), **kw}
    c = x.shape[-1]
    # torch's LocalResponseNorm over the channel axis of NCHW.
    y = F.local_response_norm(nchw(x) if x.dim() == 4 else x.transpose(1, -1), o["size"], o.get("alpha", 1e-4), o.get("beta", 0.75), o.get("k", 1))
    return nhwc(y) if x.dim() == 4 else y.transpose(1, -1)


def crop(x, pads):
    (t, b), (l, r) = pads
    return x[:, t : x.shape[1] - b, l : x.shape[2] - r, :]


def zeroPad(x, pads):
    (t, b), (l, r) = pads
    return F.pad(x, (0, 0, l, r, t, b))


def upsample(x, factors):
    sh, sw = _pair(factors)
    return x.repeat_interleave(sh, 1).repeat_interleave(sw, 2)


def upsampleBilinear(x, factors, alignCorners=False):
    sh, sw = _pair(factors)
    return nhwc(F.interpolate(nchw(x), scale_factor=(sh, sw), mode="bilinear", align_corners=alignCorners))


def positionalEncoding(x):
    t, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(t, dtype=torch.float64).unsqueeze(1)
    i = torch.arange(d)
    angle = pos / torch.pow(10000.0, (2 * torch.div(i, 2, rounding_mode="floor")).double() / d)
    table = torch.where(i % 2 == 0, torch.sin(angle), torch.cos(angle)).float().to(x.device)
    return x + table


def full(shape, value):
    return torch.full([int(s) for s in shape], float(value))


def mean(x, axis=None, keepDims=False):
    return x.mean() if axis is None else x.mean(axis, keepdim=keepDims)


def sum(x, axis=None, keepDims=False):
    return x.sum() if axis is None else x.sum(axis, keepdim=keepDims)


def max(x, axisOrOther=None, keepDims=False):
    if torch.is_tensor(axisOrOther):
        return torch.maximum(x, axisOrOther)
    return x.max() if axisOrOther is None else x.amax(axisOrOther, keepdim=keepDims)


def min(x, axisOrOther=None, keepDims=False):
    if torch.is_tensor(axisOrOther):
        return torch.minimum(x, axisOrOther)
    return x.min() if axisOrOther is None else x.amin(axisOrOther, keepdim=keepDims)


def argmax(x, axis=-1):
    return x.argmax(axis).int()


log = torch.log
exp = torch.exp
sqrt = torch.sqrt
abs = torch.abs


def pow(x, exponent):
    return torch.pow(x, exponent)


def clamp(x, low, high):
    return torch.clamp(x, low, high)


def _operand(v, like=None):
    return v if torch.is_tensor(v) else torch.tensor(v)


def equal(a, b):
    return torch.eq(_operand(a), _operand(b))


def notEqual(a, b):
    return torch.ne(_operand(a), _operand(b))


def less(a, b):
    return torch.lt(_operand(a), _operand(b))


def greater(a, b):
    return torch.gt(_operand(a), _operand(b))


def lessEqual(a, b):
    return torch.le(_operand(a), _operand(b))


def greaterEqual(a, b):
    return torch.ge(_operand(a), _operand(b))


def logicalAnd(a, b):
    return torch.logical_and(_operand(a), _operand(b))


def logicalOr(a, b):
    return torch.logical_or(_operand(a), _operand(b))


def logicalNot(a):
    return torch.logical_not(a)


def where(cond, a, b):
    return torch.where(cond, _operand(a).float() if not torch.is_tensor(a) else a, _operand(b).float() if not torch.is_tensor(b) else b)


def cast(x, dtype):
    return x.float() if dtype == "f32" else (x.int() if dtype == "i32" else x.bool())


def slice(x, begin, size, drop=(), step=None):
    """`x[...]`: the block at `begin` of `size` (-1: to the end), every `step`-th element of it (a
    negative step from the block's last element backwards: torch.flip, as torch takes no negative
    steps), then the axes in `drop` removed."""
    index = tuple(builtins.slice(int(b), None if int(s) == -1 else int(b) + int(s)) for b, s in zip(begin, size))
    block = x[index]
    if step is not None:
        backwards = [axis for axis, s in enumerate(step) if int(s) < 0]
        if backwards:
            block = block.flip(backwards)
        block = block[tuple(builtins.slice(None, None, builtins.abs(int(s))) for s in step)]
    for axis in sorted((int(d) for d in drop), reverse=True):
        block = block.squeeze(axis)
    return block


def permute(x, perm):
    return x.permute(*[int(p) for p in perm])


def split(x, sizes, axis):
    return list(torch.split(x, [int(s) for s in sizes], int(axis)))


def broadcastTo(x, shape):
    return torch.broadcast_to(x, [int(s) for s in shape])


def greedyDecode(net, inputs, target, length, start):
    """Greedy decoding as the tfjs runtime's: `length` inference calls, the arg-max token at position t kept and fed at t + 1."""
    with torch.no_grad():
        batch = inputs[0].shape[0] if inputs else 1
        dev = inputs[0].device if inputs else None
        out = torch.full((batch, length), start, dtype=torch.int32, device=dev)
        starts = torch.full((batch, 1), start, dtype=torch.int32, device=dev)
        for t in range(length):
            buffer = torch.cat([starts, out[:, : length - 1]], 1) if length > 1 else starts
            args = [*inputs[:target], buffer, *inputs[target:]]
            result = net.apply(*args, False)
            logits = result[0] if isinstance(result, (list, tuple)) else result
            out[:, t] = logits[:, t].argmax(-1).to(torch.int32)
        return out
