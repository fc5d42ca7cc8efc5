/**
 * The PyTorch target: a document's IR (compiler/ir) as one Python module importing the Python
 * runtime (`runtime-torch/dl_torch`, `import dl_torch as dl`), whose API mirrors the tfjs
 * runtime's name for name (runtime/CONTRACT.md): a `dl.Module` subclass (an nn.Module) per
 * model, a function per train block, `TRAIN_PROGRAMS`, and a `__main__` that runs one.
 */
import type { ProgramIR } from "../../ir/index.js";
import { SymbolicDimensionError } from "../../layers/helpers.js";
import { PythonWriter, pyName, pyString } from "./python-writer.js";
import { renderModelClass } from "./model-class.js";
import { renderTrainProgram } from "./train-program.js";
import { pyIdent } from "./body.js";

/** What the target produces: the module text and the runtime names it uses (`dl.ops.avgPool`, `method applyWithState`). */
export interface TorchModule {
  code: string;
  runtimeNames: string[];
}

/** Python for a whole document. */
export function emitTorch(p: ProgramIR): TorchModule {
  const classes = new Map(p.models.filter((m) => m.concrete).map((m) => [m.key, pyName(m.className)]));
  const classOf = (key: string) => {
    const c = classes.get(key);
    if (!c) throw new Error(`model ${key} has no generated class`);
    return c;
  };
  const names = new Set<string>(["dl.Module"]);
  const w = new PythonWriter();
  w.line(`# Generated from ${p.source.replace(/[\r\n\u2028\u2029]+/g, " ")} by dl (--target torch). Do not edit: change the .dl file and compile again.`);
  w.line(`# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.`);
  w.line("import dl_torch as dl");
  for (const m of p.models) {
    if (!m.concrete) continue;
    // As on the TypeScript target: a lowering that needs a constant where the IR holds a size
    // read at run time leaves the model out.
    const part = new PythonWriter();
    const used = new Set<string>();
    try {
      renderModelClass(part, m, classOf, used);
    } catch (e) {
      if (!(e instanceof SymbolicDimensionError)) throw e;
      classes.delete(m.key);
      continue;
    }
    for (const n of used) names.add(n);
    w.line();
    w.line();
    w.append(part);
  }
  for (const t of p.trains) {
    w.line();
    w.line();
    renderTrainProgram(w, t, p.source, classOf, names);
  }
  w.line();
  w.line(`TRAIN_PROGRAMS = [${p.trains.map((t) => pyString(pyIdent(t.name))).join(", ")}]`);
  w.line();
  w.block(`if __name__ == "__main__"`, () => w.line("raise SystemExit(dl.main(__import__(__name__)))"));
  return { code: w.toString(), runtimeNames: [...names].sort() };
}
