"""Checkpoints in the tfjs engine's run-folder layout (runtime/checkpoint): `checkpoints/step-<n>/`
with `models/<key>/model.json + weights.bin` (tfjs layouts, stable names: either engine loads
them), `optimizers/<key>/state.pt` (torch.optim's state), `state.json` and, written last,
`manifest.json` (size and sha256 of every file). Written under a temporary name with fsync,
then renamed; `latest.json` replaced by rename; the two newest kept; a resume takes the newest
checkpoint whose files match their manifest and moves damaged ones aside."""
import hashlib
import io
import json
import os
import shutil

import torch

from .weights import read_weights, write_weights

KEEP = 2


class RunFolderError(Exception):
    def __init__(self, where, message):
        super().__init__(f"{where}: {message}")


def _durable(file, data):
    tmp = f"{file}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, file)


def _checkpoints(folder):
    return sorted((n for n in os.listdir(folder) if n.startswith("step-") and n[5:].isdigit()), reverse=True) if os.path.isdir(folder) else []


def save_checkpoint(out_dir, models, optimizers, at):
    root = os.path.join(out_dir, "checkpoints")
    name = f"step-{at['step']:08d}"
    final = os.path.join(root, name)
    tmp = f"{final}.tmp-{os.getpid()}"
    files = {}

    def write(file, data):
        os.makedirs(os.path.dirname(file), exist_ok=True)
        with open(file, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        files[os.path.relpath(file, tmp).replace(os.sep, "/")] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    os.makedirs(root, exist_ok=True)
    for f in os.listdir(root):
        if ".tmp-" in f:
            shutil.rmtree(os.path.join(root, f), ignore_errors=True)
    try:
        for key, m in models.items():
            write_weights(os.path.join(tmp, "models", key), m.namedVariables(), {"model": m.path, "parameterCount": m.parameterCount()}, write)
        opt_steps = {}
        for key, o in optimizers.items():
            buf = io.BytesIO()
            torch.save(o.state(), buf)
            write(os.path.join(tmp, "optimizers", key, "state.pt"), buf.getvalue())
            opt_steps[key] = {"step": o.step}
        write(os.path.join(tmp, "state.json"), json.dumps({**at, "optimizers": opt_steps, "engine": "torch"}).encode())
        manifest = {"format": "dl-checkpoint", "version": 1, "step": at["step"], "files": files}
        _durable(os.path.join(tmp, "manifest.json"), json.dumps(manifest, indent=1).encode())
        aside = f"{final}.tmp-old-{os.getpid()}"
        if os.path.exists(final):
            os.rename(final, aside)
        os.rename(tmp, final)
        shutil.rmtree(aside, ignore_errors=True)
        _durable(os.path.join(root, "latest.json"), json.dumps({"checkpoint": name}).encode())
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RunFolderError(root, f"{e.strerror} while writing the checkpoint of step {at['step']}; the previous checkpoint is intact; free space and continue with --resume") from None
    for old in _checkpoints(root)[KEEP:]:
        shutil.rmtree(os.path.join(root, old), ignore_errors=True)
    return final


def verify(folder):
    try:
        with open(os.path.join(folder, "manifest.json"), encoding="utf8") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        return "no manifest.json (the checkpoint was never completed)"
    except (OSError, ValueError):
        return "manifest.json is unreadable"
    for rel, want in manifest.get("files", {}).items():
        p = os.path.join(folder, rel)
        try:
            data = open(p, "rb").read()
        except OSError:
            return f"{rel} is missing"
        if len(data) != want["bytes"] or hashlib.sha256(data).hexdigest() != want["sha256"]:
            return f"{rel} does not match its manifest (truncated or corrupted)"
    return None


def load_checkpoint(out_dir, models, optimizers, warn):
    root = os.path.join(out_dir, "checkpoints")
    damaged = []
    for name in _checkpoints(root):
        folder = os.path.join(root, name)
        problem = verify(folder)
        if problem:
            damaged.append((name, problem))
            continue
        for d, why in damaged:
            aside = f"{d}.damaged"
            os.rename(os.path.join(root, d), os.path.join(root, aside))
            warn(f"{os.path.join(root, d)} is damaged: {why}; moved it to {aside} and resumed from the previous checkpoint, {name}")
        with open(os.path.join(folder, "state.json"), encoding="utf8") as f:
            state = json.load(f)
        for key, m in models.items():
            tensors, _ = read_weights(os.path.join(folder, "models", key))
            try:
                m.loadVariables(tensors, os.path.join(folder, "models", key, "model.json"))
            except (KeyError, ValueError) as e:
                raise RunFolderError(folder, f"{e.args[0]}; it was written by another model: resume with the program that wrote it, or run without --resume to start afresh") from None
        for key, o in optimizers.items():
            p = os.path.join(folder, "optimizers", key, "state.pt")
            if os.path.exists(p):
                o.loadState(torch.load(p))
            else:
                # A checkpoint of the tfjs engine: weights carry over, optimizer slots start afresh.
                o.step = state.get("optimizers", {}).get(key, {}).get("step", 0)
        state.pop("optimizers", None)
        state.pop("engine", None)
        return state
    if damaged:
        raise RunFolderError(root, "no intact checkpoint to resume from (" + "; ".join(f"{n}: {p}" for n, p in damaged) + "); run without --resume to start afresh")
    return None
