"""`init net from "runs/pretrain" except head` at run start on torch, as the tfjs engine does it
(runtime/checkpoint/init-weights.ts, saved-weights.ts and weight-match.ts, whose rules and
messages this file follows word for word): copies saved weights into a freshly built model by
parameter name relative to the model, so `net.body.dense_0.kernel` takes the checkpoint's
`pretrained.body.dense_0.kernel`. Names under an `except` prefix keep their fresh
initialization; a weight of the model that the checkpoint lacks, or holds in another shape,
stops the run with a `WeightsError` naming the file, the parameter and both shapes; weights the
checkpoint has and the model lacks are not loaded, with a warning. Checkpoints of either engine
are read (both write the tfjs weights format, weights.py)."""
import json
import os
import re

from .weights import read_weights


class WeightsError(Exception):
    """Saved weights that cannot start a model: the message names the file first."""

    def __init__(self, file, problem):
        super().__init__(f"{file}: {problem}")
        self.file = file


class _Problem:
    def __init__(self, file, expected, found):
        self.file, self.expected, self.found = file, expected, found


def locate_checkpoint(run_dir, choice="auto"):
    """The checkpoint folder of `run_dir` that `choice` ("best", "latest", "auto") means, or a _Problem."""
    if not os.path.exists(run_dir):
        return _Problem(run_dir, "a run folder written by dl run", "no such folder")
    # A checkpoint folder itself (it holds models/).
    if os.path.exists(os.path.join(run_dir, "models")):
        return run_dir
    best = os.path.join(run_dir, "checkpoints", "best")
    if choice != "latest" and os.path.exists(best):
        return best
    if choice == "best":
        return _Problem(best, "a best checkpoint (the train block needs 'checkpoint best min|max <metric>')", "none")
    latest = os.path.join(run_dir, "checkpoints", "latest.json")
    if not os.path.exists(latest):
        return _Problem(latest, "a checkpoint (the train block needs 'checkpoint every 1 epoch')", "no such file")
    try:
        with open(latest, encoding="utf8") as f:
            checkpoint = json.load(f).get("checkpoint")
        if isinstance(checkpoint, str) and re.fullmatch(r"[\w.-]+", checkpoint):
            return os.path.join(run_dir, "checkpoints", checkpoint)
    except (OSError, ValueError, AttributeError):
        pass
    return _Problem(latest, '{"checkpoint": "step-<n>"}', "something else")


def saved_model_keys(folder):
    d = os.path.join(folder, "models")
    return sorted(k for k in os.listdir(d) if os.path.exists(os.path.join(d, k, "model.json"))) if os.path.isdir(d) else []


def read_saved_model(folder, key, fallback_to_only=False):
    """{dir, file, key, root, weights: [(name relative to the model, shape)]} of model `key`, or a _Problem."""
    keys = saved_model_keys(folder)
    chosen = key if key in keys else keys[0] if fallback_to_only and len(keys) == 1 else None
    d = os.path.join(folder, "models", chosen or key)
    file = os.path.join(d, "model.json")
    if chosen is None:
        return _Problem(file, f"the weights of model '{key}'", f"only models {', '.join(keys)}" if keys else "no such file")
    try:
        with open(file, encoding="utf8") as f:
            doc = json.load(f)
    except ValueError:
        return _Problem(file, "a weights manifest (tfjs model.json)", "a file that is not JSON")
    except OSError:
        return _Problem(file, "a weights manifest (tfjs model.json)", "a file that cannot be read")
    meta = doc.get("userDefinedMetadata") or {}
    root = meta.get("model") if isinstance(meta.get("model"), str) else chosen
    weights = []
    for group in doc.get("weightsManifest") or []:
        for s in group.get("weights") or []:
            name, shape = s.get("name"), s.get("shape")
            if not isinstance(name, str) or not isinstance(shape, list) or not all(isinstance(x, int) for x in shape):
                return _Problem(file, "a weights manifest whose entries have a name and a shape", json.dumps(s)[:80])
            weights.append((name[len(root) + 1:] if name.startswith(f"{root}.") else name, shape))
    return {"dir": d, "file": file, "key": chosen, "root": root, "weights": weights}


def under_prefix(name, prefix):
    """Whether `name` is `prefix` or lies under it (`head` covers `head.kernel`, not `header.kernel`)."""
    return name == prefix or name.startswith(f"{prefix}.")


def under(weights, prefix=None):
    """The weights under `prefix`, named relative to it (all of them without one)."""
    if not prefix:
        return list(weights)
    return [(n[len(prefix) + 1:], s) for n, s in weights if n.startswith(f"{prefix}.")]


def match_weights(model, saved, except_=()):
    """Compares by name: {load, missing, extra, shape}; weights under an `except` prefix are skipped on both sides."""
    skipped = lambda n: any(under_prefix(n, p) for p in except_)  # noqa: E731
    by_name = dict(saved)
    names = {n for n, _ in model}
    out = {"load": [], "missing": [], "extra": [], "shape": []}
    for n, shape in model:
        if skipped(n):
            continue
        s = by_name.get(n)
        if s is None:
            out["missing"].append((n, shape))
        elif list(s) != list(shape):
            out["shape"].append((n, shape, s))
        else:
            out["load"].append(n)
    out["extra"] = [(n, s) for n, s in saved if n not in names and not skipped(n)]
    return out


def format_shape(shape):
    return f"[{', '.join(str(d) for d in shape)}]"


def except_for(names):
    """The `except` that would cover `names`: each one's layer (the name without its last part)."""
    out = []
    for n in names:
        layer = n[: n.rindex(".")] if n.rfind(".") > 0 else n
        if layer not in out:
            out.append(layer)
    return out


def describe_problems(m, model, limit=8):
    lines = [f"{n}: {format_shape(a)} in {model}, {format_shape(b)} in the checkpoint" for n, a, b in m["shape"]]
    lines += [f"{n} {format_shape(s)}: in {model}, not in the checkpoint" for n, s in m["missing"]]
    return lines[:limit] + [f"… and {len(lines) - limit} more"] if len(lines) > limit else lines


def init_model(model, spec, runs_dir="runs", source=None, sources=None, warn=None):
    """Loads `spec`'s saved weights (a program's "init" entry) into `model`; returns {folder, file, loaded, skipped}."""
    warn = warn or (lambda m: None)
    at = spec.get("at")
    where = f" ({source or 'init'}:{at['line']}: init {spec['model']})" if at else ""
    frm = spec["from"]
    is_run = "run" in frm
    run_dir = frm["run"] if is_run else (sources or {}).get(frm["train"]) or os.path.join(runs_dir, frm["train"])
    located = locate_checkpoint(run_dir, "auto" if is_run else "latest")
    if isinstance(located, _Problem):
        hint = "" if is_run else f"; train '{frm['train']}' runs first (dl run trains the blocks an init names before the block itself)"
        raise WeightsError(located.file, f"expected {located.expected} to initialise '{spec['model']}'{where}, found {located.found}{hint}")
    key = frm.get("model") or spec["model"]
    saved = read_saved_model(located, key, is_run and frm.get("model") is None)
    if isinstance(saved, _Problem):
        raise WeightsError(saved.file, f"expected {saved.expected} to initialise '{spec['model']}'{where}, found {saved.found}")
    variables = model.namedVariables()
    into = spec.get("into")
    mine = under([(n[len(model.path) + 1:] if n.startswith(f"{model.path}.") else n, list(v.shape)) for n, v in variables.items()], into)
    target = f"{spec['model']}.{into}" if into else spec["model"]
    except_ = spec.get("except") or []
    m = match_weights(mine, under(saved["weights"], frm.get("under")), except_)
    if m["missing"] or m["shape"]:
        names = [s[0] for s in m["shape"]] + [s[0] for s in m["missing"]]
        lines = "\n".join(f"  {line}" for line in describe_problems(m, target))
        raise WeightsError(
            saved["file"],
            f"cannot initialise '{target}' from it{where}:\n{lines}\nadd 'except {', '.join(except_for(names))}' to the init to keep {'that weight' if len(names) == 1 else 'those weights'} freshly initialised",
        )
    extra = m["extra"]
    if extra:
        shown = ", ".join(f"{n} {format_shape(s)}" for n, s in extra[:6])
        more = f" and {len(extra) - 6} more" if len(extra) > 6 else ""
        warn(f"{saved['file']}: {shown}{more} {'is' if len(extra) == 1 else 'are'} in the checkpoint but not in '{target}'{where}: not loaded; add 'except {', '.join(except_for([n for n, _ in extra]))}' to say so")
    tensors, _ = read_weights(saved["dir"])
    in_saved = lambda n: f"{frm['under']}.{n}" if frm.get("under") else n  # noqa: E731
    in_model = lambda n: f"{model.path}.{into + '.' if into else ''}{n}"  # noqa: E731
    chosen = {}
    for n in m["load"]:
        t = tensors.get(f"{saved['root']}.{in_saved(n)}")
        chosen[in_model(n)] = t if t is not None else tensors[in_saved(n)]
    model.loadVariables(chosen, saved["file"], partial=True)
    return {"folder": located, "file": saved["file"], "loaded": len(m["load"]), "skipped": len(mine) - len(m["load"])}
