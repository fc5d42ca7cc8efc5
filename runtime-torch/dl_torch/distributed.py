"""Data-parallel training across processes started by torchrun: gloo on CPU, NCCL on CUDA.

Each process takes its shard of every global batch (data.py); after each backward the gradients
are averaged with one all-reduce per optimizer step, which is what DistributedDataParallel's
reducer does, done here explicitly because steps take gradients of several models, of models
called more than once, and of gradient penalties (double backward), which DDP's reducer does not
support. Rank 0 alone prints progress and writes history and checkpoints."""
import os

import torch
import torch.distributed as dist

_state = {"world": 1, "rank": 0, "device": "cpu"}


def init(device):
    """Joins the process group when launched by torchrun (WORLD_SIZE > 1)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return
    backend = "nccl" if str(device).startswith("cuda") else "gloo"
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        _state["device"] = "cuda"
    dist.init_process_group(backend)
    _state["world"] = dist.get_world_size()
    _state["rank"] = dist.get_rank()


def world():
    return _state["world"]


def rank():
    return _state["rank"]


def is_main():
    return _state["rank"] == 0


def average(tensors):
    """Averages gradient tensors over processes in place (one flat all-reduce)."""
    if _state["world"] <= 1 or not tensors:
        return
    flat = torch.cat([t.reshape(-1) for t in tensors])
    dist.all_reduce(flat)
    flat /= _state["world"]
    i = 0
    for t in tensors:
        n = t.numel()
        t.copy_(flat[i : i + n].view_as(t))
        i += n


def broadcast_module(module):
    """Rank 0's parameters and buffers to every process (after building or resuming)."""
    if _state["world"] <= 1:
        return
    with torch.no_grad():
        for t in list(module.parameters()) + list(module.buffers()):
            if t.is_contiguous():
                dist.broadcast(t.data, 0)
            else:
                # A channels-last convolution kernel (module.py): sent as a contiguous copy.
                flat = t.data.contiguous()
                dist.broadcast(flat, 0)
                t.data.copy_(flat)


def sum_values(values):
    """Sums a list of floats over processes."""
    if _state["world"] <= 1:
        return values
    t = torch.tensor(values, dtype=torch.float64, device=_state["device"])
    dist.all_reduce(t)
    return t.cpu().tolist()


def barrier():
    if _state["world"] > 1:
        dist.barrier()


def shutdown():
    if _state["world"] > 1 and dist.is_initialized():
        dist.destroy_process_group()
