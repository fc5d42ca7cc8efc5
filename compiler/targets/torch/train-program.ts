/**
 * A train program's IR as a Python function returning the program dict dl_torch runs
 * (runtime-torch/dl_torch/train.py; the tfjs runtime's `dl.TrainProgram`, runtime/CONTRACT.md):
 * the models, optimizers and data sets built by `_build(rng)`, the step as a function per
 * `minimize` (each computing its loss block), evaluation metrics and samples.
 */
import { optimizers } from "../../optim/optimizers.js";
import { usedNodes } from "../../ir/model.js";
import type { Operand } from "../../ir/model.js";
import type { Block, DataPipeline, LoopStmt, TrainIR } from "../../ir/train.js";
import { PythonWriter, pyComment, pyString } from "./python-writer.js";
import { operandCode, pyIdent, renderNodes, type PyScope } from "./body.js";
import { callArgs, pipelineCall } from "./lower-args.js";
import { runtimeCall, type RuntimeNames } from "./runtime-call.js";

/** A JSON value as a Python literal. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? 'float("inf")' : v < 0 ? '-float("inf")' : 'float("nan")';
  if (typeof v === "string") return pyString(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${pyString(k)}: ${pyLiteral(x)}`)
    .join(", ")}}`;
}

/** Writes the function of `t`; `classOf` names model classes by `ModelIR.key`. */
export function renderTrainProgram(w: PythonWriter, t: TrainIR, source: string, classOf: (key: string) => string, names: RuntimeNames): void {
  const data = new Map<string, DataPipeline>();
  const dataCode = t.data.map((d) => {
    const c = runtimeCall(pipelineCall(d.pipeline, data), `data set ${d.name}`, names);
    data.set(d.name, d.pipeline);
    return `${pyString(d.name)}: ${c}`;
  });
  const models = t.models.map((m) => ({ ...m, py: pyIdent(m.name) }));
  const opts = t.optimizers.map((o) => {
    const entry = optimizers.get(o.entry);
    if (!entry) throw new Error(`no optimizer ${o.entry}`);
    // Parameter groups: the weights of a model under a path, with the rate and decay the group sets.
    const groups = o.groups?.map((g) => {
      const own = [["lr", "lr"], ["weight_decay", "weightDecay"]].flatMap(([dl, rt]) => (g.args[dl!] === undefined ? [] : [`${rt}: ${g.args[dl!] as number}`]));
      return `{ ${[`model: ${pyIdent(g.model)}`, `path: ${JSON.stringify(g.path)}`, ...own].join(", ")} }`;
    });
    const call = entry.emit(o.models.map(pyIdent), callArgs(o.args, { python: false }, data), groups && `[${groups.join(", ")}]`);
    return { name: o.name, py: pyIdent(o.name), code: runtimeCall(call, `optimizer ${o.entry}`, names) };
  });
  const record = (items: { name: string; py: string }[]) => `{${items.map((i) => `${pyString(i.name)}: ${i.py}`).join(", ")}}`;
  // Names of the program's function scope: a node or helper never takes one.
  const outer = ["rng", "batch", "s", "sampleRng", "B", "dl", "self", "float", ...models.map((m) => m.py), ...opts.map((o) => o.py)];
  const newScope = (inputs: Map<string, string>, taken: Set<string>): PyScope => ({
    training: "False",
    rng: 'rng.child("loop")',
    symbols: new Map([["B", "B"]]),
    usedSymbols: new Set(),
    inputs,
    usedInputs: new Set(),
    instance: (name) => pyIdent(name),
    data,
    taken,
    vars: new Map(),
    temp: { n: 0 },
    names,
  });
  const helper = (base: string, taken: Set<string>) => {
    let name = `_${base}`;
    for (let i = 2; taken.has(name); i++) name = `_${base}_${i}`;
    taken.add(name);
    return name;
  };
  /** A function over one batch: the batch fields and `B` it reads are bound first. */
  const overBatch = (header: (fn: string) => string, base: string, pattern: string[], body: (scope: PyScope, inner: PythonWriter) => void, taken: Set<string>): string => {
    const fn = helper(base, taken);
    const inputs = new Map(pattern.map((p) => [p, pyIdent(p)]));
    // The function's own names: its nodes and helpers, next to the names of the enclosing scope.
    const scope = newScope(inputs, new Set([...taken, ...inputs.values()]));
    w.block(header(fn), () => bound(w, pattern, scope, (inner) => body(scope, inner)));
    return fn;
  };
  /** Writes `body`, after the bindings of the batch fields and sizes it read (only those). */
  const bound = (w: PythonWriter, pattern: string[], scope: PyScope, body: (inner: PythonWriter) => void) => {
    const inner = new PythonWriter();
    body(inner);
    const read = pattern.map((p) => (scope.usedInputs.has(p) ? pyIdent(p) : "_"));
    while (read.length && read[read.length - 1] === "_") read.pop();
    if (read.length === 1) w.line(`${read[0]} = batch[0]`);
    else if (read.length) w.line(`${read.join(", ")} = batch[:${read.length}]`);
    if (scope.usedSymbols.has("B")) w.line("B = batch[0].shape[0]");
    w.append(inner);
  };
  const block = (inner: PythonWriter, b: Block, scope: PyScope, roots: Operand[]) => {
    scope.training = b.training ? "True" : "False";
    scope.rng = b.rng === "samples" ? "sampleRng" : 'rng.child("loop")';
    renderNodes(inner, b.nodes, scope, usedNodes(b.nodes, roots));
  };
  const loopStmts = (inner: PythonWriter, body: LoopStmt[], scope: PyScope) => {
    for (const st of body) {
      if (st.s === "repeat" && st.fresh) {
        // Each iteration gets its own batch (the loop's for the first, the next ones drawn from
        // its data): the function rebinds the batch fields it reads, shadowing the loop's.
        const outer = { inputs: scope.usedInputs, symbols: scope.usedSymbols };
        scope.usedInputs = new Set();
        scope.usedSymbols = new Set();
        const fn = helper("repeated", scope.taken);
        inner.block(`def ${fn}(batch)`, () => bound(inner, t.loop.pattern, scope, (b) => loopStmts(b, st.body, scope)));
        inner.line(`s.repeatFresh(${st.count}, batch, ${fn})`);
        scope.usedInputs = outer.inputs;
        scope.usedSymbols = outer.symbols;
        continue;
      }
      if (st.s === "repeat") {
        const fn = helper("repeated", scope.taken);
        inner.block(`def ${fn}()`, () => loopStmts(inner, st.body, scope));
        inner.line(`s.repeat(${st.count}, ${fn})`);
        continue;
      }
      const fn = helper(st.lossName, scope.taken);
      inner.block(`def ${fn}()`, () => {
        block(inner, st.block, scope, [st.loss]);
        inner.line(`return ${operandCode(st.loss, scope)}`);
      });
      inner.line(`s.minimize(${pyIdent(st.optimizer)}, ${pyString(st.lossName)}, {"line": ${st.at.line}, "column": ${st.at.column}}, ${fn})`);
    }
  };

  pyComment(w, [...(t.doc ? t.doc.split("\n") : []), `The training program \`train ${t.name}\`; run it with dl.run().`]);
  w.block(`def ${pyIdent(t.name)}()`, () => {
    w.block("def _build(rng)", () => {
      for (const m of models) w.line(`${m.py} = ${classOf(m.model)}(None, ${pyString(m.name)}, rng.child(${pyString(m.name)}))`);
      const py = (model: string) => models.find((m) => m.name === model)?.py ?? pyIdent(model);
      for (const f of t.freeze ?? []) w.line(f.path ? `${py(f.model)}.freezeNamed(${pyString(f.path)})` : `${py(f.model)}.freeze()`);
      for (const o of opts) w.line(`${o.py} = ${o.code}`);
      const taken = new Set([...outer, "_build"]);
      const step = overBatch((fn) => `def ${fn}(batch, s)`, "step", t.loop.pattern, (scope, inner) => loopStmts(inner, t.loop.body, scope), taken);
      const setup = [`"models": ${record(models)}`, `"optimizers": ${record(opts)}`, `"data": {${dataCode.join(", ")}}`, `"loop": {"over": ${pyString(t.loop.over)}, "step": ${step}}`];
      const ev = t.evaluate;
      if (ev) {
        const fn = overBatch(
          (f) => `def ${f}(batch)`,
          "metrics",
          ev.pattern,
          (scope, inner) => {
            block(inner, ev.block, scope, ev.metrics.map((m) => m.value));
            inner.line(`return {${ev.metrics.map((m) => `${pyString(m.name)}: ${operandCode(m.value, scope)}`).join(", ")}}`);
          },
          taken,
        );
        // Whole-set metrics return confusion counts [C, C], summed over the set and turned into their total.
        const totals = ev.metrics.filter((m) => m.total);
        const totalsCode = totals.length ? `, "totals": {${totals.map((m) => `${pyString(m.name)}: ${pyLiteral(m.total)}`).join(", ")}}` : "";
        setup.push(`"evaluate": {"over": ${pyString(ev.over)}, "metrics": ${fn}${totalsCode}}`);
      }
      const samples = t.samples;
      if (samples) {
        const fn = helper("samples", taken);
        w.block(`def ${fn}(sampleRng)`, () => {
          const scope = newScope(new Map(), new Set(taken));
          block(w, samples.block, scope, [samples.value]);
          w.line(`return ${operandCode(samples.value, scope)}`);
        });
        setup.push(`"samples": ${fn}`);
      }
      w.line(`return {${setup.join(", ")}}`);
    });
    const program = [`"name": ${pyString(t.name)}`, `"source": ${pyString(source)}`, `"seed": ${t.seed}`, `"epochs": ${t.epochs}`];
    if (t.checkpoint) program.push(`"checkpointEvery": {${pyString(t.checkpoint.unit)}: ${t.checkpoint.every}}`);
    if (t.best) program.push(`"checkpointBest": ${pyLiteral({ metric: t.best.metric, mode: t.best.mode })}`);
    if (t.stopEarly) program.push(`"stopEarly": ${pyLiteral({ metric: t.stopEarly.metric, mode: t.stopEarly.mode, patience: t.stopEarly.patience })}`);
    if (t.init?.length) program.push(`"init": ${pyLiteral(t.init.map((i) => ({ model: i.model, into: i.into, from: i.from, except: i.except, at: { line: i.at.line, column: i.at.column } })))}`);
    program.push(`"build": _build`);
    w.line(`return {${program.join(", ")}}`);
  });
}
