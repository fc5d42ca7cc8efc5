/**
 * `Module`: the base class of layers and of generated model classes.
 *
 * A module owns variables under a stable hierarchical path (`net.features.conv0.kernel`) that
 * checkpoints use, and children registered by name. tfjs requires globally unique variable names,
 * so each tfjs name gets a process-wide suffix; the stable name lives only in the module's map.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "./rng.js";
import type { Initializer } from "./nn/init.js";

let uniqueCounter = 0;

/**
 * A tfjs variable name unused in the engine: the counter alone is not enough when two copies of
 * this class share one engine (a model exported by `dl export` loaded next to the runtime).
 */
function uniqueName(stable: string): string {
  const registered = tf.engine().registeredVariables;
  let name = `${stable}_${uniqueCounter++}`;
  while (name in registered) name = `${stable}_${uniqueCounter++}`;
  return name;
}

interface Param {
  variable: tf.Variable;
  /** False for buffers such as BatchNorm's running statistics (never optimized, not counted). */
  isParameter: boolean;
}

/** Base class of every layer and model; see CONTRACT.md "Modules and layers". */
export abstract class Module {
  /** Stable hierarchical name, e.g. `net.features.conv0`. */
  readonly path: string;
  /** This module's random stream, derived from its parent's by name. */
  readonly rng: Rng;
  /** When true, `trainableVariables()` omits this module and its children (frozen weights). */
  frozen = false;
  private readonly params = new Map<string, Param>();
  private readonly children = new Map<string, Module>();
  /** Variables of this module frozen one by one (`freeze net.pos`), by their local name. */
  private readonly frozenParams = new Set<string>();

  /**
   * @param parent the enclosing module, or null for a root model.
   * @param name this module's name inside its parent (unique among siblings).
   * @param rng the root's random stream; children derive theirs as `parent.rng.child(name)`.
   */
  constructor(
    readonly parent: Module | null,
    readonly name: string,
    rng?: Rng,
  ) {
    this.path = parent ? `${parent.path}.${name}` : name;
    if (parent) {
      if (parent.children.has(name)) throw new Error(`module ${this.path} is defined twice`);
      parent.children.set(name, this);
    }
    this.rng = rng ?? (parent ? parent.rng.child(name) : new Rng(0, name));
  }

  /**
   * Creates a variable registered as `path.name`.
   * @param trainable false makes a buffer: saved in checkpoints, never optimized or counted.
   */
  param(name: string, shape: number[], init: Initializer, trainable = true): tf.Variable {
    if (this.params.has(name)) throw new Error(`variable ${this.path}.${name} is defined twice`);
    const value = init(shape, this.rng.child(name));
    const variable = tf.variable(value, trainable, uniqueName(`${this.path}.${name}`));
    value.dispose();
    this.params.set(name, { variable, isParameter: trainable });
    return variable;
  }

  /** Every variable (parameters and buffers) of this module and its children, by stable name. */
  namedVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    this.visit((m) => {
      for (const [n, p] of m.params) out.set(`${m.path}.${n}`, p.variable);
    });
    return out;
  }

  /** The parameters an optimizer updates: not buffers, not inside a frozen module. */
  trainableVariables(): tf.Variable[] {
    const out: tf.Variable[] = [];
    this.visit((m) => {
      for (const [n, p] of m.params) if (p.isParameter && !m.frozenParams.has(n)) out.push(p.variable);
    }, true);
    return out;
  }

  /** Number of parameter scalars, counted like PyTorch's `sum(p.numel() for p in parameters())`. */
  parameterCount(): number {
    let n = 0;
    this.visit((m) => {
      for (const p of m.params.values()) if (p.isParameter) n += p.variable.size;
    });
    return n;
  }

  /** This module and every module inside it, parents before children. */
  modules(): Module[] {
    const out: Module[] = [];
    this.visit((m) => out.push(m));
    return out;
  }

  /** Stops (or restarts) optimization of this module's parameters. */
  freeze(frozen = true): this {
    this.frozen = frozen;
    return this;
  }

  /**
   * Whether this module or one it belongs to is frozen. A frozen batch norm normalizes with its
   * running statistics and leaves them unchanged, in training steps too (Keras' `trainable =
   * False`, Lightning's `BaseFinetuning.freeze(train_bn=False)`).
   */
  isFrozen(): boolean {
    return this.frozen || (this.parent?.isFrozen() ?? false);
  }

  /**
   * Freezes what `name` names under this module: a child module (`features`, `features.conv2d_0`)
   * with everything in it, or one variable (`pos`, `dense_0.kernel`). Returns false when nothing
   * has that name.
   */
  freezeNamed(name: string): boolean {
    const parts = name.split(".");
    let m: Module = this;
    for (const [i, part] of parts.entries()) {
      const child = m.children.get(part);
      if (child) {
        m = child;
        continue;
      }
      if (i === parts.length - 1 && m.params.has(part)) {
        m.frozenParams.add(part);
        return true;
      }
      return false;
    }
    m.freeze();
    return true;
  }

  /** Disposes every variable of this module and its children. */
  dispose(): void {
    this.visit((m) => {
      for (const p of m.params.values()) p.variable.dispose();
      m.params.clear();
    });
  }

  private visit(fn: (m: Module) => void, skipFrozen = false): void {
    if (skipFrozen && this.frozen) return;
    fn(this);
    for (const c of this.children.values()) c.visit(fn, skipFrozen);
  }
}
