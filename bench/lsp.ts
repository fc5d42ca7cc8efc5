/**
 * Language-server latency on a generated 5,000-line document, through the real JSON-RPC stack
 * (in-process streams): hover and completion on an unchanged document, and the time from a
 * one-character edit to the diagnostics the server pushes for it. Prints p50/p99 against the
 * targets (hover/completion p99 < 20 ms, diagnostics < 50 ms) and where a full re-check spends
 * its time.
 * Usage: npm run bench:lsp [-- --lines 5000 --runs 200]
 */
import { performance } from "node:perf_hooks";
import type { Position } from "vscode-languageserver/node";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";
import { Workspace } from "../compiler/workspace/workspace.js";
import { startInProcess } from "../test/lsp/helpers.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const lines = arg("lines", 5000);
const runs = arg("runs", 200);

/** A document of many small convolutional models and a train block, `lines` lines long. */
function generate(count: number): string {
  const out: string[] = [];
  let i = 0;
  while (out.length < count - 14) {
    out.push(
      `/// Block ${i}: conv, pool, dense.`,
      `model M${i}(width: int = 32, classes: int = 10) {`,
      `  input x: f32[B, 28, 28, 1]`,
      `  let h = x |> conv2d(width, kernel=3, padding=same) |> relu |> maxpool(2)`,
      `  let g = h |> conv2d(width * 2, kernel=3) |> batchnorm |> relu`,
      `  return g`,
      `    |> flatten`,
      `    |> dense(128) |> relu |> dropout(0.5)`,
      `    |> dense(classes)`,
      `}`,
      ``,
    );
    i++;
  }
  out.push(`train t {`, `  data d = mnist(split="train") |> batch(64)`, `  model net = M0()`, `  optimizer opt = adam(net, lr=1e-3)`, `  epochs 1`, `  for (x, y) in d {`, `    step opt minimize cross_entropy(net(x), y)`, `  }`, `}`);
  return out.join("\n") + "\n";
}

function percentiles(xs: number[]): { p50: number; p99: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

function report(name: string, xs: number[], target: number): void {
  const { p50, p99 } = percentiles(xs);
  console.log(`${name.padEnd(24)} p50 ${p50.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms   target p99 < ${target} ms: ${p99 < target ? "met" : "MISSED"}   (n=${xs.length})`);
}

const text = generate(lines);
const textLines = text.split("\n");
console.log(`document: ${textLines.length - 1} lines, ${text.length} characters`);

// Where a full check of the document goes (the pipeline alone, no protocol).
{
  let current = text;
  const ws = new Workspace({ read: (p) => (p === "/bench/doc.dl" ? current : undefined) });
  const pipeline = new DocumentPipeline(ws);
  const phases = { parse: [] as number[], resolve: [] as number[], check: [] as number[] };
  for (let k = 0; k < 6; k++) {
    current = text + `// edit ${k}\n`;
    pipeline.invalidate("/bench/doc.dl");
    const t0 = performance.now();
    pipeline.parsed("/bench/doc.dl");
    const t1 = performance.now();
    pipeline.resolved("/bench/doc.dl");
    const t2 = performance.now();
    pipeline.checked("/bench/doc.dl");
    const t3 = performance.now();
    if (k > 0) {
      phases.parse.push(t1 - t0);
      phases.resolve.push(t2 - t1);
      phases.check.push(t3 - t2);
    }
  }
  const med = (xs: number[]) => percentiles(xs).p50.toFixed(1);
  console.log(`full pipeline (median of 5): parse ${med(phases.parse)} ms, resolve ${med(phases.resolve)} ms, check ${med(phases.check)} ms`);
}

const client = await startInProcess();
const doc = client.open("bench.dl", text);
await client.diagnosticsOf(doc, 120000);

// Positions on names in pipelines (layer calls, lets) and after `|> ` for completion.
const hoverAt: Position[] = [];
const completeAt: Position[] = [];
for (let l = 0; l < textLines.length && hoverAt.length < runs; l += 7) {
  const line = textLines[l]!;
  const call = line.indexOf("conv2d(");
  if (call >= 0) hoverAt.push({ line: l, character: call + 2 });
  const pipe = line.indexOf("|> ");
  if (pipe >= 0) completeAt.push({ line: l, character: pipe + 3 });
}

const time = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

// Warm-up: the first requests pay for the checked phase of the document.
await client.at("textDocument/hover", { ...doc, position: hoverAt[0]! });
const hover: number[] = [];
for (const position of hoverAt) hover.push(await time(() => client.at("textDocument/hover", { ...doc, position })));
const completion: number[] = [];
for (const position of completeAt.slice(0, runs)) completion.push(await time(() => client.at("textDocument/completion", { ...doc, position })));

const diagnostics: number[] = [];
const edits = Math.min(runs, Number(process.env.DL_BENCH_EDITS ?? 30));
for (let k = 0; k < edits; k++) {
  // Type one character into a comment line, then wait for the pushed diagnostics of that version.
  const line = 11 * ((k * 37) % Math.floor(lines / 11));
  const position = { line, character: textLines[line]!.length };
  diagnostics.push(
    await time(async () => {
      client.change(doc, [{ range: { start: position, end: position }, text: "x" }]);
      await client.diagnosticsOf(doc, 120000);
    }),
  );
}

report("hover", hover, 20);
report("completion", completion, 20);
report("diagnostics after edit", diagnostics, 50);
await client.close();
