/**
 * The optimizer base class. Updates are written over tf ops (not tf.train.*) so the state, the
 * moment estimates, belongs to us and checkpoints can save and restore it by stable names.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import type { Schedule } from "./schedules.js";

/** Options every optimizer accepts besides its own hyper-parameters. */
export interface OptimizerOptions {
  lr: number;
  /** Rescales all gradients together when their global L2 norm exceeds this. */
  clipNorm?: number;
  /** Clamps every gradient element to [-clipValue, clipValue]. */
  clipValue?: number;
  /** Clamps every parameter to [-weightClip, weightClip] after each update (WGAN critics). */
  weightClip?: number;
  /** L2 penalty added to the gradient, as PyTorch's `weight_decay`. */
  weightDecay?: number;
  schedule?: Schedule;
  /**
   * Parameter groups (PyTorch's `param_groups`): each takes the weights of `model` under `path`
   * ("" for all of them), with its own base rate and weight decay. Weights in no group are not
   * updated. Absent: one group of every trainable weight of the optimizer's models.
   */
  groups?: ParamGroup[];
}

/** One parameter group: weights of `model` under the prefix `path`, with its own options. */
export interface ParamGroup {
  model: Module;
  path: string;
  /** The group's base rate (the schedule scales it as it scales `lr`); absent: the optimizer's. */
  lr?: number;
  /** The group's weight decay; absent: the optimizer's. */
  weightDecay?: number;
}

/** Whether the weight `name` (under its model) lies under the prefix `path` ("" covers all). */
export function underPath(name: string, path: string): boolean {
  return path === "" || name === path || name.startsWith(`${path}.`);
}

/** What a checkpoint stores for an optimizer: its counters and its slot tensors by stable name. */
export interface OptimizerState {
  step: number;
  slots: Map<string, tf.Tensor>;
}

/** Base of sgd, momentum, adam and rmsprop; see CONTRACT.md "Optimizers". */
export abstract class Optimizer {
  /** Updates applied so far (the `t` of Adam's bias correction). */
  step = 0;
  /** Set by the engine before each step so epoch-based schedules know where they are. */
  epoch = 0;
  readonly models: Module[];
  protected readonly slots = new Map<string, tf.Variable>();
  private readonly stableNames = new Map<tf.Variable, string>();
  /** With `groups`: the group index of every variable some group takes. */
  private readonly groupOf = new Map<tf.Variable, number>();

  constructor(models: Module | Module[], readonly options: OptimizerOptions) {
    this.models = Array.isArray(models) ? models : [models];
    for (const m of this.models) for (const [name, v] of m.namedVariables()) this.stableNames.set(v, name);
    for (const [i, g] of (options.groups ?? []).entries()) {
      if (!this.models.includes(g.model)) throw new Error(`optimizer: group ${i} names a model (${g.model.path}) that is none of its models`);
      let found = false;
      for (const [name, v] of g.model.namedVariables()) {
        if (!underPath(name.slice(g.model.path.length + 1), g.path)) continue;
        found = true;
        const other = this.groupOf.get(v);
        if (other !== undefined) throw new Error(`optimizer: ${name} is in groups ${other} and ${i}`);
        this.groupOf.set(v, i);
      }
      if (!found) throw new Error(`optimizer: group ${i} (${g.model.path}${g.path ? `.${g.path}` : ""}) names no weights`);
    }
  }

  /** The rate the next update will use (of the first group, with groups). */
  get lr(): number {
    return this.rate(this.options.groups?.[0]?.lr ?? this.options.lr);
  }

  /** Every group's rate for the next update, in order (one rate without groups), as torch's `get_last_lr()`. */
  get lrs(): number[] {
    const groups = this.options.groups;
    return groups ? groups.map((g) => this.rate(g.lr ?? this.options.lr)) : [this.lr];
  }

  /** The scheduled rate of a group whose base rate is `base` (each group follows the schedule from its own base). */
  private rate(base: number): number {
    const s = this.options.schedule;
    return s ? s({ step: this.step, epoch: this.epoch }, base) : base;
  }

  /** The variables this optimizer updates now (frozen modules are skipped at every call; with groups, those in one). */
  variables(): tf.Variable[] {
    const all = this.models.flatMap((m) => m.trainableVariables());
    return this.options.groups ? all.filter((v) => this.groupOf.has(v)) : all;
  }

  /**
   * Computes `f`'s gradients with respect to this optimizer's variables only, applies one update
   * and returns the loss, which the caller owns (the engine accumulates it without reading it).
   */
  minimize(f: () => tf.Scalar): tf.Scalar {
    const vars = this.variables();
    if (vars.length === 0) {
      // Everything is frozen: report the loss, change nothing (tfjs refuses empty grads).
      this.step++;
      return tf.tidy(f);
    }
    const { value, grads } = tf.variableGrads(f, vars);
    tf.tidy(() => {
      let gs = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
      gs = this.clip(gs);
      const groups = this.options.groups;
      const rates = this.lrs;
      const t = this.step + 1;
      vars.forEach((v, i) => {
        const group = groups?.[this.groupOf.get(v)!];
        const lr = group ? rates[this.groupOf.get(v)!]! : rates[0]!;
        const decay = group?.weightDecay ?? this.options.weightDecay;
        const g = decay ? this.decay(v, gs[i]!, decay, lr) : gs[i]!;
        this.update(v, g, this.nameOf(v), lr, t);
        if (this.options.weightClip !== undefined) {
          v.assign(tf.clipByValue(v, -this.options.weightClip, this.options.weightClip));
        }
      });
    });
    tf.dispose(Object.values(grads));
    this.step++;
    return value;
  }

  /**
   * Weight decay `decay` of `v` at rate `lr`: returns the gradient the update uses. PyTorch's
   * `weight_decay` is an L2 term added to the gradient; AdamW decays the weights instead.
   */
  protected decay(v: tf.Variable, g: tf.Tensor, decay: number, _lr: number): tf.Tensor {
    return tf.add(g, tf.mul(v, decay));
  }

  /** Applies one update to `v` given its (clipped) gradient `g`, at rate `lr`, step `t` >= 1. */
  protected abstract update(v: tf.Variable, g: tf.Tensor, name: string, lr: number, t: number): void;

  /** The slot `slot` of variable `name`, created as zeros on first use. */
  protected slot(name: string, slot: string, like: tf.Tensor): tf.Variable {
    const key = `${name}/${slot}`;
    let s = this.slots.get(key);
    if (!s) {
      s = tf.variable(tf.zerosLike(like), false);
      this.slots.set(key, s);
    }
    return s;
  }

  /** Counters and slot tensors (still owned by the optimizer), for checkpoints. */
  state(): OptimizerState {
    return { step: this.step, slots: new Map(this.slots) };
  }

  /** Restores `state()` output; the tensors are copied, the caller keeps its own. */
  loadState(state: OptimizerState): void {
    this.step = state.step;
    for (const s of this.slots.values()) s.dispose();
    this.slots.clear();
    // Inside tidy so the clones' own handles go away; the variables keep the data.
    tf.tidy(() => {
      for (const [key, t] of state.slots) this.slots.set(key, tf.variable(t.clone(), false));
    });
  }

  /** Frees the slot tensors. */
  dispose(): void {
    for (const s of this.slots.values()) s.dispose();
    this.slots.clear();
  }

  private nameOf(v: tf.Variable): string {
    const n = this.stableNames.get(v);
    if (n === undefined) throw new Error(`optimizer: variable ${v.name} belongs to none of its models`);
    return n;
  }

  private clip(gs: tf.Tensor[]): tf.Tensor[] {
    const { clipNorm, clipValue } = this.options;
    if (clipValue !== undefined) gs = gs.map((g) => tf.clipByValue(g, -clipValue, clipValue));
    if (clipNorm !== undefined && gs.length > 0) {
      // One global norm over all gradients, as torch.nn.utils.clip_grad_norm_.
      const total = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g)))));
      const scale = tf.minimum(tf.div(clipNorm, tf.add(total, 1e-6)), 1);
      gs = gs.map((g) => tf.mul(g, scale));
    }
    return gs;
  }
}
