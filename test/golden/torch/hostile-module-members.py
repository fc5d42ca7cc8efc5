# Generated from test/golden/codegen/hostile-module-members.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Layer names that are members of the runtime's Module class must not shadow them.
# Members() on x: f32[B, 8].
# Trainable parameters: 864.
class Members(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.name_ = dl.layers.Dense(self, "name_", {"inFeatures": 8, "units": 8, "bias": True})
        self.parent_ = dl.layers.Dense(self, "parent_", {"inFeatures": 8, "units": 8, "bias": True})
        self.path_ = dl.layers.Dense(self, "path_", {"inFeatures": 8, "units": 8, "bias": True})
        self.params_ = dl.layers.Dense(self, "params_", {"inFeatures": 8, "units": 8, "bias": True})
        self.children_ = dl.layers.Dense(self, "children_", {"inFeatures": 8, "units": 8, "bias": True})
        self.rng_ = dl.layers.Dense(self, "rng_", {"inFeatures": 8, "units": 8, "bias": True})
        self.apply_ = dl.layers.Dense(self, "apply_", {"inFeatures": 8, "units": 8, "bias": True})
        self.dispose_ = dl.layers.Dense(self, "dispose_", {"inFeatures": 8, "units": 8, "bias": True})
        self.freeze_ = dl.layers.Dense(self, "freeze_", {"inFeatures": 8, "units": 8, "bias": True})
        self.frozen_ = dl.layers.Dense(self, "frozen_", {"inFeatures": 8, "units": 8, "bias": True})
        self.param_ = dl.layers.Dense(self, "param_", {"inFeatures": 8, "units": 8, "bias": True})
        self.hasOwnProperty = dl.layers.Dense(self, "hasOwnProperty", {"inFeatures": 8, "units": 8, "bias": True})

    def apply(self, x, training):
        t1 = self.name_.apply(x)
        t2 = self.parent_.apply(t1)
        t3 = self.path_.apply(t2)
        t4 = self.params_.apply(t3)
        t5 = self.children_.apply(t4)
        t6 = self.rng_.apply(t5)
        t7 = self.apply_.apply(t6)
        t8 = self.dispose_.apply(t7)
        t9 = self.freeze_.apply(t8)
        t10 = self.frozen_.apply(t9)
        t11 = self.param_.apply(t10)
        t12 = self.hasOwnProperty.apply(t11)
        return t12

TRAIN_PROGRAMS = []

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
