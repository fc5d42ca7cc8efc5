"""The command line of a generated module (`python lenet.py [options]`) and of `dl run
--engine torch`, which runs `python -m dl_torch <module.py> ...` (under torchrun for --nproc)."""
import argparse
import importlib.util
import os
import sys


def main(module=None, argv=None):
    from .checkpoint import RunFolderError
    from .data import DataError
    from .init_weights import WeightsError
    from .train import TrainingError, run

    p = argparse.ArgumentParser(prog="dl run --engine torch")
    if module is None:
        p.add_argument("module", help="a module written by dl compile --target torch")
    p.add_argument("--train", help="which train block (when the module has several)")
    p.add_argument("--out", help="output folder (default runs/<train name>)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--max-steps", type=int)
    p.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--no-evaluate", action="store_true", help="do not evaluate when --max-steps stops a run mid-epoch")
    p.add_argument("--threads", type=int, help="torch.set_num_threads")
    p.add_argument("--weights", help="start from the models' weights in this checkpoint folder (of either engine), by name")
    p.add_argument("--trace", help="write every step's losses to this JSON file (a host sync per step)")
    a = p.parse_args(argv)
    import torch

    if a.threads:
        torch.set_num_threads(a.threads)
    device = a.device
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            print("error: --device cuda: torch finds no CUDA device (torch.cuda.is_available() is false); use --device cpu", file=sys.stderr)
            return 1
        if device == "cuda" and int(os.environ.get("WORLD_SIZE", "1")) > 1:
            device = f"cuda:{os.environ.get('LOCAL_RANK', '0')}"
    if module is None:
        spec = importlib.util.spec_from_file_location("dl_generated", a.module)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    trains = list(getattr(module, "TRAIN_PROGRAMS", []))
    name = a.train or (trains[0] if len(trains) == 1 else None)
    if name not in trains:
        print(f"error: choose a train block with --train: {', '.join(trains)}" if trains else "error: the module has no train block", file=sys.stderr)
        return 2
    try:
        result = run(getattr(module, name)(), outDir=a.out, resume=a.resume, maxSteps=a.max_steps, quiet=a.quiet, evaluateOnStop=not a.no_evaluate, device=device, weights=a.weights, trace=bool(a.trace))
        if a.trace and int(os.environ.get("RANK", "0")) == 0:
            import json

            with open(a.trace, "w") as f:
                json.dump(result["trace"], f)
    except (DataError, TrainingError, RunFolderError, WeightsError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0
