/**
 * The TypeScript target: a document's IR as one module, a class per model and a program
 * function per train block, importing the runtime (`dl-lang/runtime`).
 */
import type { ProgramIR } from "../../ir/index.js";
import { SymbolicDimensionError } from "../../layers/helpers.js";
import { Code, commentSafe } from "./code.js";
import { renderModelClass } from "./model-class.js";
import { renderTrainProgram } from "./train-program.js";

/** TypeScript for a whole document. */
export function emitTypeScript(p: ProgramIR): string {
  const classes = new Map(p.models.filter((m) => m.concrete).map((m) => [m.key, m.className]));
  const classOf = (key: string) => {
    const c = classes.get(key);
    if (!c) throw new Error(`model ${key} has no generated class`);
    return c;
  };
  const code = new Code();
  code.line(`// Generated from ${commentSafe(p.source)} by dl. Do not edit: change the .dl file and compile again.`);
  code.line(`import * as tf from "@tensorflow/tfjs-core";`, `import * as dl from "dl-lang/runtime";`, "");
  for (const m of p.models) {
    if (!m.concrete) continue;
    // A lowering that needs a constant where the IR holds a size read at run time (rare: the
    // checker requires weights and constructor arguments to be constants) leaves the model out.
    const part = new Code();
    try {
      renderModelClass(part, m, classOf);
    } catch (e) {
      if (!(e instanceof SymbolicDimensionError)) throw e;
      classes.delete(m.key);
      continue;
    }
    code.line(part.toString());
  }
  for (const t of p.trains) {
    renderTrainProgram(code, t, p.source, classOf);
    code.line("");
  }
  return code.toString().replace(/\n+$/, "\n");
}
