/**
 * The shape of a registry entry's lowering to one target: how a layer field is constructed and
 * how the entry is applied to input expressions. The TypeScript lowering lives on the entry
 * itself (`construct`, `apply`); other targets add theirs under `RegistryEntry.lower`.
 */
import type { EmitContext } from "../registry/types.js";

export interface Lowering {
  /** Expression constructing the field (entries with weights or state), given the parent module expression and field name. */
  construct?(ctx: EmitContext, parent: string, name: string): string;
  /** Expression applying the entry to input expressions. */
  apply(ctx: EmitContext, inputs: string[]): string;
}

/** Lowerings of an entry to targets other than TypeScript. */
export interface Lowerings {
  torch?: Lowering;
}
