/**
 * Exact parameter counts of the standard library against the canonical PyTorch
 * implementations: `fixtures/param-counts.json`, generated from torchvision 0.14 by
 * `fixtures/generate_param_counts.py` (see its header). The count is the one `dl summary --json`
 * prints as `totalParams`.
 */
import test from "ava";
import { readFileSync } from "node:fs";
import { summarize } from "./helpers.js";

interface Row {
  file: string;
  model: string;
  reference: number;
  source: string;
  input?: number[];
  call?: string;
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/param-counts.json", import.meta.url), "utf8")) as { models: Row[] };

for (const row of fixture.models) {
  const label = row.input ? `${row.model}(${row.call}) on [B, ${row.input.join(", ")}]` : row.model;
  test(`${row.file} ${label} has ${row.reference.toLocaleString("en-US")} parameters (${row.source})`, (t) => {
    const { problems, summary } = summarize(row.file, row.model, row.input, row.call);
    t.is(problems, "");
    t.is(summary?.totalParams, row.reference);
  });
}
