/** A train program's IR as a function returning a `dl.TrainProgram` (runtime/CONTRACT.md). */
import { safeName } from "../../check/names.js";
import { optimizers } from "../../optim/optimizers.js";
import type { Operand } from "../../ir/model.js";
import type { Block, DataPipeline, LoopStmt, TrainIR } from "../../ir/train.js";
import { Code, propertyKey } from "./code.js";
import { operandCode, renderNodes, usedNodes, type BodyScope } from "./body.js";
import { pipelineCode, tsArgs } from "./lower-args.js";

/** Writes the function of `t`; `classOf` names model classes by `ModelIR.key`. */
export function renderTrainProgram(code: Code, t: TrainIR, source: string, classOf: (key: string) => string): void {
  const data = new Map<string, DataPipeline>();
  const dataCode = t.data.map((d) => {
    const c = pipelineCode(d.pipeline, data);
    data.set(d.name, d.pipeline);
    return `${propertyKey(d.name)}: ${c},`;
  });
  const models = t.models.map((m) => ({ ...m, ts: safeName(m.name) }));
  const opts = t.optimizers.map((o) => {
    const entry = optimizers.get(o.entry);
    if (!entry) throw new Error(`no optimizer ${o.entry}`);
    // Parameter groups: the weights of a model under a path, with the rate and decay the group sets.
    const groups = o.groups?.map((g) => {
      const own = [["lr", "lr"], ["weight_decay", "weightDecay"]].flatMap(([dl, rt]) => (g.args[dl!] === undefined ? [] : [`${rt}: ${g.args[dl!] as number}`]));
      return `{ ${[`model: ${safeName(g.model)}`, `path: ${JSON.stringify(g.path)}`, ...own].join(", ")} }`;
    });
    return { name: o.name, ts: safeName(o.name), code: entry.emit(o.models.map(safeName), tsArgs(o.args, data), groups && `[${groups.join(", ")}]`) };
  });
  const record = (items: { name: string; ts: string }[]) => items.map((i) => (i.ts === i.name ? i.ts : `${propertyKey(i.name)}: ${i.ts}`)).join(", ");
  const closure = (pattern: string[], body: (scope: BodyScope, inner: Code) => void) => {
    const inputs = new Map(pattern.map((p) => [p, safeName(p)]));
    const scope: BodyScope = {
      training: "false",
      rng: 'rng.child("loop")',
      symbols: new Map([["B", "B"]]),
      usedSymbols: new Set(),
      inputs,
      usedInputs: new Set(),
      instance: (name) => safeName(name),
      data,
      taken: new Set([...inputs.values(), ...models.map((m) => m.ts), ...opts.map((o) => o.ts), "B", "batch", "s", "rng", "data"]),
      vars: new Map(),
      arrays: new Set(),
      temp: { n: 0 },
    };
    bound(code, pattern, scope, (inner) => body(scope, inner));
  };
  /** Renders `body`, then binds before it the batch fields and sizes it read (only those). */
  const bound = (code: Code, pattern: string[], scope: BodyScope, body: (inner: Code) => void) => {
    const inner = new Code();
    body(inner);
    const text = inner.toString().trimEnd();
    const read = pattern.map((p) => (scope.usedInputs.has(p) ? safeName(p) : ""));
    while (read.length && !read[read.length - 1]) read.pop();
    if (read.length) code.line(`const [${read.join(", ")}] = batch;`);
    if (scope.usedSymbols.has("B")) code.line("const B = batch[0]!.shape[0]!;");
    if (text) code.line(text);
  };
  const block = (inner: Code, b: Block, scope: BodyScope, roots: Operand[]) => {
    scope.training = String(b.training);
    scope.rng = b.rng === "samples" ? "sampleRng" : 'rng.child("loop")';
    renderNodes(inner, b.nodes, scope, usedNodes(b.nodes, roots));
  };
  const loopStmts = (inner: Code, body: LoopStmt[], scope: BodyScope) => {
    for (const st of body) {
      if (st.s === "repeat" && st.fresh) {
        // Each iteration gets its own batch (the loop's for the first, the next ones drawn from
        // its data): the body rebinds the batch fields it reads, shadowing the loop's.
        const outer = { inputs: scope.usedInputs, symbols: scope.usedSymbols };
        scope.usedInputs = new Set();
        scope.usedSymbols = new Set();
        inner.block(`s.repeatFresh(${st.count}, batch, (batch) => {`, () => bound(inner, t.loop.pattern, scope, (body) => loopStmts(body, st.body, scope)), "});");
        scope.usedInputs = outer.inputs;
        scope.usedSymbols = outer.symbols;
        continue;
      }
      if (st.s === "repeat") {
        inner.block(`s.repeat(${st.count}, () => {`, () => loopStmts(inner, st.body, scope), "});");
        continue;
      }
      const at = `{ line: ${st.at.line}, column: ${st.at.column} }`;
      inner.block(`s.minimize(${safeName(st.optimizer)}, ${JSON.stringify(st.lossName)}, ${at}, () => {`, () => {
        block(inner, st.block, scope, [st.loss]);
        inner.line(`return ${operandCode(st.loss, scope)} as tf.Scalar;`);
      }, "});");
    }
  };

  code.doc([...(t.doc ? t.doc.split("\n") : []), `The training program \`train ${t.name}\`; run it with dl.run().`]);
  code.block(`export function ${safeName(t.name)}(): dl.TrainProgram {`, () => {
    code.block("return {", () => {
      code.line(`name: ${JSON.stringify(t.name)},`, `source: ${JSON.stringify(source)},`, `seed: ${t.seed},`, `epochs: ${t.epochs},`);
      if (t.checkpoint) code.line(`checkpointEvery: { ${t.checkpoint.unit}: ${t.checkpoint.every} },`);
      if (t.best) code.line(`checkpointBest: { metric: ${JSON.stringify(t.best.metric)}, mode: ${JSON.stringify(t.best.mode)} },`);
      if (t.stopEarly) code.line(`stopEarly: { metric: ${JSON.stringify(t.stopEarly.metric)}, mode: ${JSON.stringify(t.stopEarly.mode)}, patience: ${t.stopEarly.patience} },`);
      if (t.init?.length) {
        code.block("init: [", () => {
          for (const i of t.init!) code.line(`{ model: ${JSON.stringify(i.model)}, ${i.into ? `into: ${JSON.stringify(i.into)}, ` : ""}from: ${JSON.stringify(i.from)}, except: ${JSON.stringify(i.except)}, at: { line: ${i.at.line}, column: ${i.at.column} } },`);
        }, "],");
      }
      code.block("build: (rng: dl.Rng) => {", () => {
        for (const m of models) code.line(`const ${m.ts} = new ${classOf(m.model)}(null, ${JSON.stringify(m.name)}, rng.child(${JSON.stringify(m.name)}));`);
        const ts = (model: string) => models.find((m) => m.name === model)?.ts ?? safeName(model);
        for (const f of t.freeze ?? []) code.line(f.path ? `${ts(f.model)}.freezeNamed(${JSON.stringify(f.path)});` : `${ts(f.model)}.freeze();`);
        for (const o of opts) code.line(`const ${o.ts} = ${o.code};`);
        code.block("return {", () => {
          code.line(`models: { ${record(models)} },`, `optimizers: { ${record(opts)} },`);
          code.block("data: {", () => code.line(...dataCode), "},");
          code.block("loop: {", () => {
            code.line(`over: ${JSON.stringify(t.loop.over)},`);
            code.block("step: (batch: tf.Tensor[], s: dl.StepContext) => {", () => closure(t.loop.pattern, (scope, inner) => loopStmts(inner, t.loop.body, scope)), "},");
          }, "},");
          const ev = t.evaluate;
          if (ev) {
            code.block("evaluate: {", () => {
              code.line(`over: ${JSON.stringify(ev.over)},`);
              code.block("metrics: (batch: tf.Tensor[]) => {", () =>
                closure(ev.pattern, (scope, inner) => {
                  block(inner, ev.block, scope, ev.metrics.map((m) => m.value));
                  // Whole-set metrics return confusion counts [C, C]; the others a batch mean.
                  inner.line(`return { ${ev.metrics.map((m) => `${propertyKey(m.name)}: ${operandCode(m.value, scope)}${m.total ? "" : " as tf.Scalar"}`).join(", ")} };`);
                }), "},");
              const totals = ev.metrics.filter((m) => m.total);
              if (totals.length) code.line(`totals: { ${totals.map((m) => `${propertyKey(m.name)}: ${JSON.stringify(m.total)}`).join(", ")} },`);
            }, "},");
          }
          const samples = t.samples;
          if (samples) {
            code.block("samples: (sampleRng: dl.Rng) => {", () => {
              const scope: BodyScope = {
                training: "false",
                rng: "sampleRng",
                symbols: new Map(),
                usedSymbols: new Set(),
                inputs: new Map(),
                usedInputs: new Set(),
                instance: (name) => safeName(name),
                data,
                taken: new Set([...models.map((m) => m.ts), ...opts.map((o) => o.ts), "sampleRng", "rng"]),
                vars: new Map(),
      arrays: new Set(),
                temp: { n: 0 },
              };
              block(code, samples.block, scope, [samples.value]);
              code.line(`return ${operandCode(samples.value, scope)};`);
            }, "},");
          }
        }, "};");
      }, "},");
    }, "};");
  });
}
