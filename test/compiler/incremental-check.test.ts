/**
 * Incremental checking: a pipeline that reuses the resolution and model instances of its last
 * check (as the language server's does) reports, after random edits, exactly what a fresh pipeline
 * reports for the same text: symbols and references, diagnostics with their spans and related
 * places, shape notes, parameter counts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import test from "ava";
import fc from "fast-check";
import { DocumentPipeline, type CheckedPhase } from "../../compiler/pipeline/document-pipeline.js";
import { format } from "../../compiler/shapes/dim.js";
import { fileSystemHost, Workspace } from "../../compiler/workspace/workspace.js";
import { repoRoot } from "./golden.js";

/** What a check tells the user, as plain sorted data. */
function observable(c: CheckedPhase): unknown {
  const at = (file: string, s: { start: number; end: number }) => `${file}:${s.start}-${s.end}`;
  const symbol = (s: { name: string; kind: string; file?: string; span?: { start: number; end: number } }) => `${s.kind} ${s.name}${s.file ? ` ${at(s.file, s.span!)}` : ""}`;
  return {
    symbols: c.resolved.symbols.map(symbol),
    references: c.resolved.references.map((r) => `${r.span.start}-${r.span.end} -> ${symbol(r.symbol)}`),
    diagnostics: c.diagnostics.map((d) => ({
      at: at(d.file, d.span),
      code: d.code,
      message: d.message,
      related: d.related?.map((r) => `${at(r.file, r.span)} ${r.message}`),
      fix: d.fix?.edits.map((e) => `${at(e.file, e.span)} ${e.newText}`),
    })),
    notes: c.notes.map((n) => `${at(n.file, n.span)} ${n.text}`).sort(),
    models: [...c.models].map(([name, m]) => `${name}: ${format(m.frame.trainable)} ${m.frame.rows.map((r) => `${r.name}@${r.span.start}`).join(",")}`).sort(),
  };
}

const files = ["examples/resnet-mnist.dl", "examples/vae-mnist.dl", "stdlib/vision/resnet.dl", "stdlib/generative/dcgan.dl", "examples/gan-mnist.dl"].map((f) => join(repoRoot, f));

const fragment = fc.oneof(
  fc.constantFrom("0", "x", " |> relu", " |> flatten", "2", "\n", "}", "{", "(", ")", ",", "dense(4)", " * 2", "\nmodel Extra() {\n  input x: f32[B, 4]\n  return x |> dense(3)\n}\n", "///", "//"),
  fc.string({ maxLength: 4 }),
);
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.array(fragment, { maxLength: 2 }).map((xs) => xs.join("")) });

test("reused checks equal fresh checks after random edits", (t) => {
  let compared = 0;
  let reusedSome = false;
  fc.assert(
    fc.property(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, edits) => {
      const path = files[which]!;
      let text = readFileSync(path, "utf8");
      const host = { read: (p: string) => (p === path ? text : fileSystemHost.read(p)) };
      const incremental = new DocumentPipeline(new Workspace(host), { reuseChecks: true });
      const before = incremental.checked(path);
      for (const e of edits) {
        const start = e.at % (text.length + 1);
        text = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
        incremental.invalidate(path);
        const again = incremental.checked(path);
        reusedSome ||= again.compilation.instances.some((i) => before.compilation.instances.includes(i));
        const fresh = new DocumentPipeline(new Workspace(host)).checked(path);
        // Thrown, not asserted, so fast-check shrinks the case and prints it.
        if (!isDeepStrictEqual(observable(again), observable(fresh))) {
          t.deepEqual(observable(again), observable(fresh));
          throw new Error(`a reused check differs from a fresh one for:\n${text}`);
        }
        compared++;
      }
    }),
    { numRuns: Number(process.env.DL_CHECK_FUZZ_RUNS ?? 40), seed: Number(process.env.DL_CHECK_FUZZ_SEED ?? 11) },
  );
  t.true(compared >= 40);
  t.true(reusedSome, "some instances were reused, not all re-checked");
});

test("an edit inside one model re-checks it and what uses it, and reuses the rest", (t) => {
  const path = "/virtual/reuse.dl";
  let text = ["model A() {", "  input x: f32[B, 8]", "  return x |> dense(4)", "}", "model Outer() {", "  input x: f32[B, 8]", "  return x |> A() |> dense(2)", "}", "model C() {", "  input x: f32[B, 8]", "  return x |> dense(16)", "}", ""].join("\n");
  const pipeline = new DocumentPipeline(new Workspace({ read: (p) => (p === path ? text : undefined) }), { reuseChecks: true });
  const first = pipeline.checked(path);
  t.deepEqual(first.diagnostics, []);
  text = text.replace("dense(4)", "dense(5)");
  pipeline.invalidate(path);
  const second = pipeline.checked(path);
  t.not(second.models.get("A"), first.models.get("A"));
  t.not(second.models.get("Outer"), first.models.get("Outer"), "Outer uses A: checked again");
  t.is(second.models.get("C"), first.models.get("C"), "C is unchanged: reused");
  t.is(format(second.models.get("Outer")!.frame.trainable), String(8 * 5 + 5 + 5 * 2 + 2));
});
