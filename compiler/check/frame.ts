/**
 * What evaluation records: the IR of the body being checked (its fields and nodes, in blocks for
 * a train program's closures), and what the summary and editor learn on the way.
 */
import type { Span } from "../../grammar/ast.js";
import { add, dim, format, type Dim } from "../shapes/dim.js";
import type { RegistryEntry } from "../registry/types.js";
import type { Field, Node, Operand } from "../ir/model.js";
import type { IRArgValue } from "../ir/values.js";

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
  /** Inner results the layer keeps beyond its output (the registry entry's `kept`), for the memory estimate. */
  kept?: Dim[][];
}

/** The shape after a pipeline stage or let, for inlay hints and hover. */
export interface ShapeNote {
  file: string;
  span: Span;
  text: string;
  params?: Dim;
}

/** A node before it has an id: `Frame.bind` assigns one. */
export type NewNode = Node extends infer N ? (N extends Node ? Omit<N, "id"> : never) : never;

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
   * input, axis 0 of `x`), by symbol name.
   */
  readonly symbols = new Map<string, { input: string; axis: number }>();
  /** False once something needed a constant that was symbolic: no target can generate the model. */
  concrete = true;
  /** Why the frame is not concrete: the first size code needed that it could not have (`B`). */
  whyNotConcrete?: string;
  private readonly counters = new Map<string, number>();
  private nextId = 0;
  private readonly blocks: Node[][] = [[]];
  private readonly blockIds: number[] = [0];
  private nextBlockId = 1;

  /** Identifies the current block: lazy training `let`s are evaluated once per block. */
  get blockId(): number {
    return this.blockIds[this.blockIds.length - 1]!;
  }

  /** Nodes of the current block. */
  get nodes(): Node[] {
    return this.blocks[this.blocks.length - 1]!;
  }

  /** Appends a node to the current block and returns its output as an operand. */
  bind(node: NewNode): Operand {
    const id = this.nextId++;
    this.nodes.push({ ...node, id } as Node);
    return { k: "node", id };
  }

  /** The node an operand refers to, when it is one of this frame's. */
  node(o: Operand): Node | undefined {
    if (o.k !== "node" && o.k !== "item") return undefined;
    for (const b of this.blocks) for (const n of b) if (n.id === o.id) return n;
    return undefined;
  }

  /** Runs `fn` with a fresh block and returns the block's nodes (the body of a closure). */
  nested(fn: () => void): Node[] {
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

  addField(field: Field): void {
    this.fields.push(field);
  }

  addParams(trainable: Dim, nonTrainable: Dim): void {
    this.trainable = add(this.trainable, trainable);
    this.nonTrainable = add(this.nonTrainable, nonTrainable);
  }

  /**
   * Notes that code needs these dimensions: each must be a constant, or (`runtime`) a symbol
   * read at run time. Anything else makes the frame check-only.
   */
  require(dims: Iterable<Dim>, runtime: boolean): void {
    for (const d of dims) {
      if (this.known(d, runtime)) continue;
      this.concrete = false;
      this.whyNotConcrete ??= `a layer needs the size '${format(d)}' as a constant`;
    }
  }

  private known(d: Dim, runtime: boolean): boolean {
    switch (d.k) {
      case "const":
        return true;
      case "sym":
        return runtime && this.symbols.has(d.name);
      case "op":
        return this.known(d.a, runtime) && this.known(d.b, runtime);
    }
  }
}

/** Every dimension inside an argument value (a pair, a padding, a list of sizes). */
export function argDims(v: IRArgValue | undefined): Dim[] {
  if (v === undefined || typeof v !== "object") return [];
  if (Array.isArray(v)) return (v as unknown[]).flatMap((x) => argDims(x as IRArgValue));
  if ("k" in v) return [v as Dim];
  if ("kind" in v && v.kind === "explicit") return v.pads.flat();
  return [];
}
