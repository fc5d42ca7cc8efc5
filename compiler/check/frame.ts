/**
 * Where evaluation writes generated code: a block of TypeScript statements, the layer fields of
 * the class being generated, fresh temporaries, and what the summary and editor learn on the way.
 */
import type { Span } from "../../grammar/ast.js";
import { add, dim, type Dim } from "../shapes/dim.js";
import { SymbolicDimensionError } from "../layers/helpers.js";
import type { RegistryEntry } from "../registry/types.js";

/** One row of a Keras-style summary: a layer call site or a nested model. */
export interface LayerRow {
  name: string;
  kind: string;
  outputShape: Dim[][];
  params: Dim;
  span: Span;
  file: string;
  /** For a nested model, the key of its instance (whose own rows hold its layers). */
  instanceKey?: string;
}

/** The shape after a pipeline stage or let, for inlay hints and hover. */
export interface ShapeNote {
  file: string;
  span: Span;
  text: string;
  params?: Dim;
}

export interface Field {
  name: string;
  construct: string;
}

/** A weight the generated class creates, by its name under the model (`body_0.dense_1.kernel`). */
export interface FrameWeight {
  name: string;
  shape: Dim[];
  trainable: boolean;
}

/** A registry entry applied in a model body, for checks of what a model computes (second-order safety). */
export interface Applied {
  entry: RegistryEntry;
  span: Span;
  file: string;
}

export class Frame {
  readonly fields: Field[] = [];
  /** Every variable of the class, named as `Module.namedVariables()` names them under the model. */
  readonly weights: FrameWeight[] = [];
  readonly rows: LayerRow[] = [];
  /** Every registry entry applied here, in order; sub-models' own are in `children`. */
  readonly applied: Applied[] = [];
  /** Frames of the model instances applied here (sub-models). */
  readonly children: Frame[] = [];
  readonly notes: ShapeNote[] = [];
  trainable: Dim = dim(0);
  nonTrainable: Dim = dim(0);
  /**
   * Symbolic dimensions that generated code can read at run time (the batch size `B` of an
   * input, as `x.shape[0]!`), by symbol name.
   */
  readonly symbols = new Map<string, string>();
  /** False once something needed a constant that was symbolic: the class cannot be generated. */
  emittable = true;
  private readonly counters = new Map<string, number>();
  private temp = 0;
  private readonly blocks: string[][] = [[]];
  private readonly blockIds: number[] = [0];
  private nextBlockId = 1;

  /** Identifies the current block: lazy training `let`s are evaluated once per block. */
  get blockId(): number {
    return this.blockIds[this.blockIds.length - 1]!;
  }

  /** Code of the current block. */
  get lines(): string[] {
    return this.blocks[this.blocks.length - 1]!;
  }

  /** Emits `const <fresh> = <code>;` and returns the fresh name (or a placeholder when not emittable). */
  bind(code: () => string, name?: string): string {
    const v = name ?? `t${++this.temp}`;
    const text = this.tryEmit(code);
    if (text !== undefined) this.lines.push(`const ${v} = ${text};`);
    return v;
  }

  push(line: string): void {
    this.lines.push(line);
  }

  /** Runs `fn` with a fresh block and returns the block's lines (the body of a closure). */
  nested(fn: () => void): string[] {
    this.blocks.push([]);
    this.blockIds.push(this.nextBlockId++);
    fn();
    this.blockIds.pop();
    return this.blocks.pop()!;
  }

  /** A fresh field name for a layer of `kind`: conv2d_0, conv2d_1, ... */
  fieldName(kind: string): string {
    const n = this.counters.get(kind) ?? 0;
    this.counters.set(kind, n + 1);
    return `${kind}_${n}`;
  }

  addField(name: string, construct: () => string): void {
    const text = this.tryEmit(construct);
    if (text !== undefined) this.fields.push({ name, construct: text });
  }

  addParams(trainable: Dim, nonTrainable: Dim): void {
    this.trainable = add(this.trainable, trainable);
    this.nonTrainable = add(this.nonTrainable, nonTrainable);
  }

  /** Emitters need constants; symbolic dimensions make the frame a check-only one. */
  private tryEmit(code: () => string): string | undefined {
    if (!this.emittable) return undefined;
    try {
      return code();
    } catch (e) {
      if (!(e instanceof SymbolicDimensionError)) throw e;
      this.emittable = false;
      return undefined;
    }
  }
}
