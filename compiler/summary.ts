/**
 * Keras-style model summaries from a checked model instance: one row per layer call (nested
 * models as one row), output shapes and exact parameter counts, with no forward pass.
 */
import type { ModelInstance } from "./check/compilation.js";
import { constValue, format, type Dim } from "./shapes/dim.js";

export interface SummaryJson {
  model: string;
  layers: { name: string; kind: string; outputShape: (number | string)[] | (number | string)[][]; params: number | string }[];
  totalParams: number | string;
  nonTrainableParams: number | string;
}

const dimJson = (d: Dim): number | string => constValue(d) ?? format(d);

/** The summary as JSON: symbolic dimensions (the batch `B`) appear as strings. */
export function summaryJson(m: ModelInstance): SummaryJson {
  return {
    model: m.model.decl.name.name,
    layers: m.frame.rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      outputShape: r.outputShape.length === 1 ? r.outputShape[0]!.map(dimJson) : r.outputShape.map((s) => s.map(dimJson)),
      params: dimJson(r.params),
    })),
    totalParams: dimJson(m.frame.trainable),
    nonTrainableParams: dimJson(m.frame.nonTrainable),
  };
}

const thousands = (v: number | string) => (typeof v === "number" ? v.toLocaleString("en-US") : v);
const shapeText = (s: SummaryJson["layers"][number]["outputShape"]) =>
  Array.isArray(s[0]) ? (s as (number | string)[][]).map((x) => `[${x.join(", ")}]`).join(", ") : `[${(s as (number | string)[]).join(", ")}]`;

/** The summary as a table. */
export function summaryTable(m: ModelInstance): string {
  const j = summaryJson(m);
  const rows = j.layers.map((l) => [`${l.name} (${l.kind})`, shapeText(l.outputShape), thousands(l.params)]);
  const header = ["Layer (kind)", "Output shape", "Params"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => (i === 2 ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join("   ");
  const rule = "─".repeat(widths.reduce((a, w) => a + w + 3, -3));
  return [
    `Model: ${j.model}`,
    rule,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `Total params: ${thousands(j.totalParams)} (trainable, counted as PyTorch does)`,
    `Non-trainable state: ${thousands(j.nonTrainableParams)} (running statistics)`,
  ].join("\n");
}
