/**
 * Every built-in name a document can use without importing it: layers, losses, metrics and
 * tensor functions from the layer registry, data sources and operations, optimizers, learning-rate
 * schedules, and the
 * padding constants. Built from the registries, so a new entry needs no change here.
 */
import { dataOps, dataSources } from "../data/index.js";
import type { DataOpEntry, DataSourceEntry } from "../data/types.js";
import { registry } from "../layers/index.js";
import { optimizers, paramGroup } from "../optim/optimizers.js";
import { schedules } from "../optim/schedules.js";
import { initializers, type InitializerEntry } from "../layers/initializers.js";
import type { GroupEntry, OptimizerEntry, ScheduleEntry } from "../optim/types.js";
import type { RegistryEntry } from "../registry/types.js";

export type Builtin =
  | { kind: "entry"; name: string; entry: RegistryEntry }
  | { kind: "data-source"; name: string; entry: DataSourceEntry }
  | { kind: "data-op"; name: string; entry: DataOpEntry }
  | { kind: "optimizer"; name: string; entry: OptimizerEntry }
  | { kind: "schedule"; name: string; entry: ScheduleEntry }
  | { kind: "param-group"; name: string; entry: GroupEntry }
  | { kind: "initializer"; name: string; entry: InitializerEntry }
  | { kind: "constant"; name: string; doc: string };

const constants: Builtin[] = [
  { kind: "constant", name: "same", doc: "Padding that keeps the spatial size at stride 1 (`ceil(H / stride)`)." },
  { kind: "constant", name: "valid", doc: "No padding: windows stay inside the input." },
];

/** All built-in names. A data operation never shares a name with a layer (checked in tests). */
export const builtinNames: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ...[...registry.values()].map((entry): [string, Builtin] => [entry.name, { kind: "entry", name: entry.name, entry }]),
  ...[...dataSources.values()].map((entry): [string, Builtin] => [entry.name, { kind: "data-source", name: entry.name, entry }]),
  ...[...dataOps.values()].map((entry): [string, Builtin] => [entry.name, { kind: "data-op", name: entry.name, entry }]),
  ...[...optimizers.values()].map((entry): [string, Builtin] => [entry.name, { kind: "optimizer", name: entry.name, entry }]),
  ...[...schedules.values()].map((entry): [string, Builtin] => [entry.name, { kind: "schedule", name: entry.name, entry }]),
  [paramGroup.name, { kind: "param-group", name: paramGroup.name, entry: paramGroup }],
  ...constants.map((c): [string, Builtin] => [c.name, c]),
]);
// Initializers whose names no layer or function takes (`normal`, `zeros` stay tensor functions;
// inside `init=` the evaluator reads every initializer name as an initializer).
for (const entry of initializers.values()) {
  if (!builtinNames.has(entry.name)) (builtinNames as Map<string, Builtin>).set(entry.name, { kind: "initializer", name: entry.name, entry });
}

/** The initializer `name` as a built-in, for names in an initializer's place (`bias_init=zeros`, `param p: ... = ones`). */
export function initializerBuiltin(name: string): Builtin | undefined {
  const entry = initializers.get(name);
  return entry ? { kind: "initializer", name: entry.name, entry } : undefined;
}

/** Documentation of a built-in, for hover and completion. */
export function builtinDoc(b: Builtin): string {
  return b.kind === "constant" ? b.doc : b.entry.doc;
}
