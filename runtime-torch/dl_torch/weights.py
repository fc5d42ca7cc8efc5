"""Weights in the tfjs runtime's files (runtime/checkpoint/weights-file.ts): `model.json` (a
tfjs weights manifest naming each tensor, its shape and dtype) beside `weights.bin`
(little-endian float32 / int32, in manifest order), tensors in the tfjs layouts under stable
names. Both engines read and write this format, so weights move between them by name."""
import json
import os

import numpy as np
import torch


def write_weights(folder, tensors, metadata=None, write=None):
    """Writes `{name: tensor}` (tfjs layout) as folder/model.json + folder/weights.bin."""
    os.makedirs(folder, exist_ok=True)
    specs, chunks = [], []
    for name, t in tensors.items():
        a = t.detach().cpu().numpy() if torch.is_tensor(t) else np.asarray(t)
        dtype = "int32" if a.dtype.kind in "iu" else "float32"
        a = np.ascontiguousarray(a.astype("<i4" if dtype == "int32" else "<f4"))
        specs.append({"name": name, "shape": list(a.shape), "dtype": dtype})
        chunks.append(a.tobytes())
    doc = {
        "format": "dl-weights",
        "generatedBy": "dl-lang (torch engine)",
        "convertedBy": None,
        "modelTopology": None,
        "weightsManifest": [{"paths": ["weights.bin"], "weights": specs}],
        "userDefinedMetadata": metadata or {},
    }
    w = write or _plain_write
    w(os.path.join(folder, "weights.bin"), b"".join(chunks))
    w(os.path.join(folder, "model.json"), json.dumps(doc, indent=1).encode())


def _plain_write(file, data):
    with open(file, "wb") as f:
        f.write(data)


def read_weights(folder):
    """{name: torch tensor (tfjs layout)} and the metadata from what write_weights (or the tfjs engine) wrote."""
    with open(os.path.join(folder, "model.json"), encoding="utf8") as f:
        doc = json.load(f)
    out = {}
    for group in doc["weightsManifest"]:
        data = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            dtype = {"float32": "<f4", "int32": "<i4", "bool": "u1"}[spec.get("dtype", "float32")]
            count = int(np.prod(spec["shape"])) if spec["shape"] else 1
            a = np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(spec["shape"])
            offset += count * np.dtype(dtype).itemsize
            out[spec["name"]] = torch.from_numpy(a.copy())
    return out, doc.get("userDefinedMetadata", {})
