"""Progress lines and the run folder's history.jsonl and plot.html, as runtime/report."""
import html
import json
import os
import sys
import time


def write_atomic(file, text):
    os.makedirs(os.path.dirname(file) or ".", exist_ok=True)
    tmp = f"{file}.tmp-{os.getpid()}-{int(time.time() * 1000)}"
    with open(tmp, "w", encoding="utf8") as f:
        f.write(text)
    os.replace(tmp, file)


def matrix_file(name, epoch):
    """Where the confusion matrix ``name`` (its history name, ``test_cm``) of ``epoch`` lies in the run folder."""
    return f"{name}/epoch-{epoch}.csv"


def write_history(out_dir, rows, matrices=()):
    """history.jsonl; each line also names the epoch's confusion matrices by their file (``"test_cm": "test_cm/epoch-3.csv"``)."""
    os.makedirs(out_dir, exist_ok=True)
    line = lambda r: json.dumps({**r, **{m: matrix_file(m, r["epoch"]) for m in matrices}})
    write_atomic(os.path.join(out_dir, "history.jsonl"), "".join(line(r) + "\n" for r in rows))


def write_plot(out_dir, name, rows):
    """One inline-SVG line chart per metric."""
    keys = [k for k in (rows[0] if rows else {}) if k not in ("epoch", "step", "seconds", "partial")]
    charts = []
    for k in keys:
        pts = [(r["epoch"], r[k]) for r in rows if isinstance(r.get(k), (int, float))]
        if not pts:
            continue
        lo, hi = min(v for _, v in pts), max(v for _, v in pts)
        span = (hi - lo) or 1
        n = max(len(pts) - 1, 1)
        path = " ".join(f"{20 + 360 * i / n:.1f},{180 - 160 * (v - lo) / span:.1f}" for i, (_, v) in enumerate(pts))
        charts.append(f'<figure><figcaption>{html.escape(k)} ({lo:.4g} – {hi:.4g})</figcaption><svg width="400" height="200"><polyline fill="none" stroke="steelblue" stroke-width="2" points="{path}"/></svg></figure>')
    write_atomic(os.path.join(out_dir, "plot.html"), f"<!doctype html><meta charset=utf-8><title>{html.escape(name)}</title><h1>{html.escape(name)}</h1>{''.join(charts)}\n")


def fmt(values):
    return " - ".join(f"{k}: {v:.4f}" for k, v in values.items())


class Progress:
    """Plain progress lines (every 15 s) and one Keras-like line per epoch."""

    refresh_s = 15.0

    def __init__(self, quiet=False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stdout
        self.started = time.time()

    def note(self, text):
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def start_epoch(self, epoch, epochs):
        self.started = time.time()
        self.note(f"Epoch {epoch}/{epochs}")

    def update(self, epoch, epochs, done, total, losses):
        self.note(f"  {done}/{total} - {time.time() - self.started:.0f}s - {fmt(losses)}")

    def end_epoch(self, epoch, epochs, steps, values):
        secs = time.time() - self.started
        self.note(f"  {steps} steps - {secs:.1f}s ({1000 * secs / max(steps, 1):.0f}ms/step) - {fmt(values)}")
