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

  constructor(models: Module | Module[], readonly options: OptimizerOptions) {
    this.models = Array.isArray(models) ? models : [models];
    for (const m of this.models) for (const [name, v] of m.namedVariables()) this.stableNames.set(v, name);
  }

  /** The rate the next update will use. */
  get lr(): number {
    const s = this.options.schedule;
    return s ? s({ step: this.step, epoch: this.epoch }, this.options.lr) : this.options.lr;
  }

  /** The variables this optimizer updates now (frozen modules are skipped at every call). */
  variables(): tf.Variable[] {
    return this.models.flatMap((m) => m.trainableVariables());
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
      const lr = this.lr;
      const t = this.step + 1;
      vars.forEach((v, i) => {
        let g = gs[i]!;
        if (this.options.weightDecay) g = tf.add(g, tf.mul(v, this.options.weightDecay));
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
