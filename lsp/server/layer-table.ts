/**
 * The `dl/layerTable` request behind the editor's "Show Layer Table" command: the `dl summary`
 * table (layers, output shapes, exact parameter counts) of the model under the cursor, or of the
 * model whose declaration holds it.
 */
import type * as A from "../../grammar/ast.js";
import { summaryTable } from "../../compiler/summary.js";
import type { ServerContext } from "./context.js";
import { itemAt } from "./ast-query.js";
import { canonical, findAt, isBuiltin } from "./lookup.js";

export const layerTableMethod = "dl/layerTable";

export interface LayerTable {
  /** The model's name. */
  model: string;
  /** Where it is declared, as messages name files (`std/vision/lenet`, `net.dl`). */
  file: string;
  /** The table, or why there is none (the model has errors, needs arguments...). */
  table: string;
}

/** The layer table for the cursor at `offset` of the document at `path`; null outside any model. */
export function layerTable(cx: ServerContext, path: string, offset: number): LayerTable | null {
  const phase = cx.docs.pipeline.checked(path);
  let model: { name: string; file: string } | undefined;
  const found = findAt(phase, offset);
  const target = found && canonical(found.target);
  if (target && !isBuiltin(target) && target.kind === "model") model = { name: target.name, file: target.file };
  else {
    const item = itemAt(phase.parse.ast, offset);
    if (item?.kind === "ModelDecl" && item.name.name) model = { name: item.name.name, file: path };
  }
  if (!model) return null;
  const checked = model.file === path ? phase : cx.docs.pipeline.checked(model.file);
  const instance = checked.models.get(model.name);
  const decl = checked.parse.ast.items.find((i): i is A.ModelDecl => i.kind === "ModelDecl" && i.name.name === model.name);
  const required = decl?.params.filter((p) => !p.default).map((p) => p.name.name) ?? [];
  const why = required.length
    ? `${model.name} has parameters without defaults (${required.join(", ")}): its table depends on them; see its uses.`
    : `${model.name} has errors; fix them to see its layers.`;
  return { model: model.name, file: cx.docs.workspace.display(model.file), table: instance ? summaryTable(instance) : why };
}
