"""``dl.run`` on torch: the training engine of runtime/train/run.ts. Builds the program from its
seed, optionally resumes from the newest intact checkpoint, runs epochs of loop steps with
progress lines, evaluates, and writes history.jsonl, plot.html and checkpoints into the same
run-folder layout as the tfjs engine. Under torchrun each process takes its shard of every
global batch and gradients are averaged (distributed.py); rank 0 logs and checkpoints."""
import json
import math
import os
import socket
import sys
import time

import torch

from . import distributed
from .checkpoint import RunFolderError, load_checkpoint, save_checkpoint
from .metrics import confusion_csv, macro
from .report import Progress, fmt, matrix_file, write_atomic as write_atomic_file, write_history, write_plot
from .rng import Rng, hash_string, mix32


class TrainingError(Exception):
    def __init__(self, source, loc, name, value, steps):
        when = f"at step {steps[1]}" if steps[0] == steps[1] else f"between steps {steps[0]} and {steps[1]}"
        super().__init__(f'{source}:{loc["line"]}:{loc["column"]}: loss "{name}" became {value} {when}; lower the learning rate, clip gradients (clipNorm) or check the loss for log(0) or division by zero')


class StepContext:
    """The `s` of a loop step: losses summed on the device, read only at refreshes and epoch ends."""

    def __init__(self, source, trace=False):
        self.source = source
        self.step = 0
        self.epoch = 0
        self.sums = {}
        self.checked_at = 0
        self.tracing = trace
        self.trace = []
        self.draw = None
        self.drawn = 0

    def minimize(self, opt, name, loc, fn):
        opt.epoch = self.epoch
        self.record(name, opt.minimize(fn), loc)

    def repeat(self, n, fn):
        for i in range(n):
            fn(i) if fn.__code__.co_argcount else fn()

    def repeatFresh(self, n, batch, fn):
        """`repeat n fresh`: up to n runs of fn, the first with the loop's batch, each later one
        with the next batch of the loop's data (``self.draw``, set by the engine per epoch); when
        the data runs out the repeat stops and the step goes on."""
        for i in range(n):
            b = batch if i == 0 else (self.draw() if self.draw else None)
            if b is None:
                break
            if i > 0:
                self.drawn += 1
            fn(b, i) if fn.__code__.co_argcount > 1 else fn(b)

    def record(self, name, value, loc=None):
        value = value.detach().float()
        if self.tracing:
            self.trace.append({"step": self.step + 1, "name": name, "value": float(distributed.sum_values([float(value)])[0] / distributed.world())})
        acc = self.sums.get(name)
        if acc is None:
            self.sums[name] = {"sum": value.clone(), "count": 1, "loc": loc or {"line": 0, "column": 0}}
        else:
            acc["sum"] = acc["sum"] + value
            acc["count"] += 1

    def read(self):
        names = [n for n, a in self.sums.items() if a["count"]]
        totals = distributed.sum_values([float(self.sums[n]["sum"]) for n in names])
        out = {}
        for n, total in zip(names, totals):
            a = self.sums[n]
            mean = total / distributed.world() / a["count"]
            if not math.isfinite(mean):
                raise TrainingError(self.source, a["loc"], n, "NaN" if math.isnan(mean) else mean, [self.checked_at + 1, self.step])
            out[n] = mean
        self.checked_at = self.step
        return out

    def save(self):
        return {n: {"sum": float(a["sum"]), "count": a["count"], "loc": a["loc"]} for n, a in self.sums.items()}

    def load(self, state):
        self.sums = {n: {"sum": torch.tensor(a["sum"]), "count": a["count"], "loc": a["loc"]} for n, a in state.items()}

    def reset(self):
        for a in self.sums.values():
            a["sum"] = torch.zeros(())
            a["count"] = 0


def _improves(mode, value, best):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return best is None or (value > best if mode == "max" else value < best)


def best_so_far(watch, history):
    row, since = None, 0
    for r in history:
        if r.get("partial"):
            continue
        if _improves(watch["mode"], r.get(watch["metric"]), row.get(watch["metric"]) if row else None):
            row, since = r, 0
        else:
            since += 1
    return row, since


def _shard(batch):
    """This process's part of a global batch (contiguous, sizes differing by at most one)."""
    w = distributed.world()
    return batch if w <= 1 else [t.tensor_split(w)[distributed.rank()] for t in batch]


def evaluate_set(spec, data):
    """Every metric over every example of ``data``: ``(values, matrices)``. Batch means are weighted
    by batch size; the whole-set metrics (``spec["totals"]``) come from confusion counts summed over
    the batches (and over processes under torchrun)."""
    totals_of = spec.get("totals") or {}
    sums, counts, examples = {}, {}, 0
    with torch.no_grad():
        for batch in data.epoch(0):
            part = _shard(batch)
            size = part[0].shape[0] if part else 0
            if size == 0:
                continue
            for name, value in spec["metrics"](part).items():
                if name in totals_of:
                    counts[name] = counts[name] + value if name in counts else value.clone()
                else:
                    sums[name] = sums.get(name, 0.0) + float(value) * size
            examples += size
    names = sorted(sums)
    flat = {n: counts[n].double().cpu() for n in sorted(counts)}
    summed = distributed.sum_values([sums[n] for n in names] + [float(examples)] + [v for n in flat for v in flat[n].reshape(-1).tolist()])
    values = {n: summed[i] / max(summed[len(names)], 1) for i, n in enumerate(names)}
    matrices, at = {}, len(names) + 1
    for n, t in flat.items():
        c = t.shape[0]
        rows = [[summed[at + i * c + j] for j in range(c)] for i in range(c)]
        at += c * c
        if totals_of[n] == "confusion":
            matrices[n] = [[int(round(v)) for v in row] for row in rows]
        else:
            values[n] = macro(totals_of[n], rows)
    return values, matrices


def evaluate(spec, data):
    """Averages each metric over every example of ``data`` (the numbers of ``evaluate_set``)."""
    return evaluate_set(spec, data)[0]


class RunLock:
    """`<out>/run.lock` ({pid, host, started}), created exclusively; a dead process's lock is taken over."""

    def __init__(self, out_dir, warn):
        os.makedirs(out_dir, exist_ok=True)
        self.file = os.path.join(out_dir, "run.lock")
        body = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        try:
            fd = os.open(self.file, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            try:
                held = json.load(open(self.file))
            except (OSError, ValueError):
                held = {}
            pid = held.get("pid")
            alive = False
            if isinstance(pid, int) and held.get("host") == socket.gethostname():
                try:
                    os.kill(pid, 0)
                    alive = True
                except ProcessLookupError:
                    alive = False
                except PermissionError:
                    alive = True
            if alive:
                raise RunFolderError(out_dir, f"in use by dl run (pid {pid}); wait for it to finish or choose another --out") from None
            warn(f"{self.file}: taking over the lock of a run that no longer exists (pid {pid})")
            os.remove(self.file)
            fd = os.open(self.file, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(fd, body.encode())
        os.close(fd)

    def release(self):
        try:
            os.remove(self.file)
        except FileNotFoundError:
            pass


def run(program, outDir=None, resume=False, maxSteps=None, quiet=False, evaluateOnStop=True, trace=False, device="cpu", warn=None, weights=None):
    """Trains `program` (a generated train function's dict); returns {history, steps, outDir, seconds, trace}."""
    from .rng import set_device

    set_device(device)
    distributed.init(device)
    main = distributed.is_main()
    started = time.time()
    out_dir = outDir or os.path.join("runs", program["name"])
    progress = Progress(quiet=quiet or not main)
    warn = warn or (lambda m: print(f"warning: {m}", file=sys.stderr, flush=True))
    lock = RunLock(out_dir, warn) if main else None
    distributed.barrier()
    try:
        return _train(program, out_dir, resume, maxSteps, evaluateOnStop, trace, device, progress, warn, started, main, weights)
    finally:
        if lock:
            lock.release()
        distributed.shutdown()


def _init(program, models, out_dir, progress, warn):
    """`init net from ... except ...` (init_weights.py), as the tfjs engine applies it at a fresh start."""
    from .init_weights import init_model

    for spec in program.get("init") or []:
        model = models.get(spec["model"])
        if model is None:
            raise ValueError(f"train: no model \"{spec['model']}\" to initialise (have: {', '.join(models)})")
        done = init_model(model, spec, runs_dir=os.path.dirname(out_dir) or ".", source=program["source"], warn=warn)
        kept = f"; {done['skipped']} kept fresh (except {', '.join(spec.get('except') or [])})" if done["skipped"] else ""
        target = f"{spec['model']}.{spec['into']}" if spec.get("into") else spec["model"]
        progress.note(f"Initialised {target} from {done['folder']} ({done['loaded']} tensors{kept})")


def _train(program, out_dir, resume, max_steps, evaluate_on_stop, trace, device, progress, warn, started, main, weights):
    rng = Rng(program["seed"])
    setup = program["build"](rng)
    models, optimizers = setup["models"], setup.get("optimizers", {})
    if weights:
        from .weights import read_weights

        for key, m in models.items():
            folder = os.path.join(weights, "models", key)
            tensors, _ = read_weights(folder)
            try:
                m.loadVariables(tensors, os.path.join(folder, "model.json"))
            except (KeyError, ValueError) as e:
                raise RunFolderError(weights, f"{e.args[0]}: the weights are of another model") from None
        progress.note(f"Weights from {weights}")
    s = StepContext(program["source"], trace)
    position = None
    if resume:
        position = load_checkpoint(out_dir, models, optimizers, warn)
        if position:
            rng.restore(position["rng"])
            progress.note(f"Resumed {program['name']} from step {position['step']} (epoch {position['epoch'] + 1})")
    # A fresh run starts its models from the weights its `init`s name (--weights, given, replaces
    # them); a resumed one from its own.
    if not position and program.get("init"):
        if weights:
            progress.note(f"--weights {weights} replaces the init{'s' if len(program['init']) > 1 else ''} of {program['name']}")
        else:
            # Every process loads the same files; rank 0 alone warns.
            _init(program, models, out_dir, progress, warn if main else (lambda m: None))
    for m in models.values():
        distributed.broadcast_module(m)
    history = position["history"] if position else []
    s.step = position["step"] if position else 0
    if position:
        s.load(position.get("accumulators", {}))
    where = f"torch {torch.__version__} on {device}" + (f", {distributed.world()} processes" if distributed.world() > 1 else "")
    progress.note(f"{program['name']}: engine {where}; " + ", ".join(f"{k}: {m.parameterCount():,} parameters" for k, m in models.items()))
    every = program.get("checkpointEvery")
    max_steps = math.inf if max_steps is None else max_steps
    loop = setup["loop"]
    ev = setup.get("evaluate")

    def checkpoint(epoch, batch):
        acc = s.save()
        if distributed.world() > 1:
            names = sorted(acc)
            totals = distributed.sum_values([acc[n]["sum"] for n in names])
            for n, t in zip(names, totals):
                acc[n]["sum"] = t / distributed.world()
        if main:
            save_checkpoint(out_dir, models, optimizers, {"step": s.step, "epoch": epoch, "batch": batch, "rng": rng.state(), "history": history, "accumulators": acc})
        distributed.barrier()

    # History names of the confusion matrices (`test_cm`): each epoch writes one CSV per matrix.
    matrix_names = [f"{ev['over']}_{k}" for k, kind in (ev.get("totals") or {}).items() if kind == "confusion"] if ev else []

    def metrics_of(epoch):
        if not ev:
            return {}
        values, matrices = evaluate_set(ev, setup["data"][ev["over"]])
        if main:
            for k, counts in matrices.items():
                write_atomic_file(os.path.join(out_dir, matrix_file(f"{ev['over']}_{k}", epoch)), confusion_csv(counts))
        return {f"{ev['over']}_{k}": v for k, v in values.items()}

    def write_outputs():
        if main:
            write_history(out_dir, history, matrix_names)
            write_plot(out_dir, program["name"], history)

    stopped = None
    watch_best = program.get("checkpointBest")
    stop = program.get("stopEarly")

    def early():
        if not stop:
            return None
        row, since = best_so_far(stop, history)
        if since < stop["patience"]:
            return None
        at = f"its best, {row[stop['metric']]:.4f}, was at epoch {row['epoch']}" if row else "it was never a number"
        return f"{stop['metric']} has not improved ({stop['mode']}) for {since} epoch{'' if since == 1 else 's'} (patience {stop['patience']}); {at}"

    stopped = early()
    epoch = position["epoch"] if position else 0
    while epoch < program["epochs"] and s.step < max_steps and not stopped:
        s.epoch = epoch
        epoch_start = time.time()
        first = position["batch"] if position and epoch == position["epoch"] else 0
        if first == 0:
            s.reset()
        progress.start_epoch(epoch + 1, program["epochs"])
        if "steps" in loop:
            total = loop["steps"]
            batches = ([] for _ in range(first, total))
        else:
            d = setup["data"][loop["over"]]
            total = d.batchesPerEpoch
            batches = d.epoch(epoch, first, mix32(program["seed"] & 0xFFFFFFFF, hash_string(loop["over"])))
        done = first
        last_refresh = time.time()
        it = iter(batches)

        def draw():
            # `repeat n fresh`: further batches of the epoch, counted as consumed.
            nonlocal done
            b = next(it, None)
            if b is None:
                return None
            done += 1
            return _shard(b)

        s.draw = draw
        for batch in it:
            if s.step >= max_steps:
                break
            loop["step"](_shard(batch), s)
            s.step += 1
            done += 1
            if time.time() - last_refresh >= progress.refresh_s:
                progress.update(epoch + 1, program["epochs"], done, total, s.read())
                last_refresh = time.time()
            if every and every.get("steps") and s.step % every["steps"] == 0:
                checkpoint(epoch, done)
        if done < total:
            losses = s.read()
            if every:
                checkpoint(epoch, done)
            metrics = metrics_of(epoch + 1) if evaluate_on_stop else {}
            if metrics or (evaluate_on_stop and matrix_names):
                history.append({"epoch": epoch + 1, "step": s.step, "seconds": time.time() - epoch_start, "partial": 1, **losses, **metrics})
                write_outputs()
            shown = fmt({**losses, **metrics})
            stopped = f"max steps: stopped after {s.step} steps (epoch {epoch + 1}, batch {done}/{total})"
            progress.note(f"Stopped after {s.step} steps (epoch {epoch + 1}, batch {done}/{total})" + (f" - {shown}" if shown else "") + ("; continue with --resume" if every else ""))
            break
        losses = s.read()
        metrics = metrics_of(epoch + 1)
        row = {"epoch": epoch + 1, "step": s.step, "seconds": time.time() - epoch_start, **losses, **metrics}
        history.append(row)
        progress.end_epoch(epoch + 1, program["epochs"], done - first, {**losses, **metrics})
        write_outputs()
        for m in matrix_names:
            progress.note(f"Confusion matrix {m} (rows true, columns predicted): {os.path.join(out_dir, matrix_file(m, epoch + 1))}")
        if watch_best and best_so_far(watch_best, history)[0] is row and main:
            from .weights import write_weights

            for key, m in models.items():
                write_weights(os.path.join(out_dir, "checkpoints", "best", "models", key), m.namedVariables(), {"model": m.path})
            best = {"metric": watch_best["metric"], "mode": watch_best["mode"], "value": row[watch_best["metric"]], "epoch": epoch + 1, "step": s.step, "checkpoint": "checkpoints/best"}
            with open(os.path.join(out_dir, "best.json"), "w") as f:
                json.dump(best, f)
            progress.note(f"Best {watch_best['metric']} so far: {row[watch_best['metric']]:.4f} (epoch {epoch + 1}), saved to {os.path.join(out_dir, 'checkpoints/best')}")
        stopped = early()
        last = epoch + 1 == program["epochs"] or stopped is not None
        if every and (last or (every.get("epochs") and (epoch + 1) % every["epochs"] == 0)):
            checkpoint(epoch + 1, 0)
        if stopped and not stopped.startswith("max steps"):
            progress.note(f"Stopped early after epoch {epoch + 1}: {stopped}")
        epoch += 1
    result = {"history": history, "steps": s.step, "outDir": out_dir, "seconds": time.time() - started, "trace": s.trace, "stopped": stopped}
    if matrix_names and history:
        result["matrices"] = {m: os.path.join(out_dir, matrix_file(m, history[-1]["epoch"])) for m in matrix_names}
    return result
