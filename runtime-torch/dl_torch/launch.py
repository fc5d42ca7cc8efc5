"""torchrun (`python -m torch.distributed.run`) for `dl run --nproc`, with one fix: torch 1.13's
launcher parses its --redirects/--tee values by iterating the `Std` IntFlag, which on Python
3.11 skips the zero and multi-bit members, so every launch fails ("'NoneType' object has no
attribute 'get'"). The values are mapped by value here; the arguments are torchrun's own."""
import re
import sys

from torch.distributed.elastic.multiprocessing import api


def _from_str(vm):
    if re.match(r"^[0-3]$", vm):
        return api.Std(int(vm))
    if re.match(r"^(\d:[0-3],)*(\d:[0-3])$", vm):
        return {int(i): api.Std(int(v)) for i, v in (m.split(":") for m in vm.split(","))}
    raise ValueError(f"{vm} does not match: <{r'^[0-3]$'}> or <mapping>")


if api.Std(0) not in list(api.Std) or api.Std(3) not in list(api.Std):
    api.Std.from_str = staticmethod(_from_str)

from torch.distributed.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
