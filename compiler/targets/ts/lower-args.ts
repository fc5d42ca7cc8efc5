/**
 * IR argument values as the TypeScript lowerings of registry entries take them: initializers,
 * schedules and model instances as TS expressions, data sets as `DataArg`s.
 */
import { initializers } from "../../layers/initializers.js";
import { schedules } from "../../optim/schedules.js";
import { dataSources, dataOps } from "../../data/index.js";
import { safeName } from "../../check/names.js";
import type { Args, ArgValue } from "../../registry/types.js";
import type { DataPipeline } from "../../ir/train.js";
import type { IRArgs, IRArgValue, InitValue } from "../../ir/values.js";

/** Every argument in its TS-lowering form. */
export function tsArgs(args: IRArgs, data?: DataScope): Args {
  const out: Args = {};
  for (const [k, v] of Object.entries(args)) out[k] = tsArg(v, data);
  return out;
}

function tsArg(v: IRArgValue, data?: DataScope): ArgValue {
  if (typeof v !== "object" || Array.isArray(v) || !("kind" in v)) return v;
  switch (v.kind) {
    case "init":
      return initCode(v);
    case "schedule": {
      const entry = schedules.get(v.name);
      if (!entry) throw new Error(`no schedule ${v.name}`);
      return entry.emit(tsArgs(v.args, data));
    }
    case "instance":
      return safeName(v.name);
    case "data":
      return { kind: "data", code: pipelineCode(v.pipeline, data), fields: v.fields };
    default:
      return v;
  }
}

/** An initializer's `dl.init` expression. */
export function initCode(v: InitValue): string {
  const entry = initializers.get(v.name);
  if (!entry) throw new Error(`no initializer ${v.name}`);
  return entry.emit(tsArgs(v.args));
}

/** The pipelines of data sets declared earlier in a train block, by name. */
export type DataScope = ReadonlyMap<string, DataPipeline>;

/** A data pipeline as a TS expression: `dl.data.mnist({ ... }).batch(...)`. */
export function pipelineCode(p: DataPipeline, data?: DataScope): string {
  let code: string;
  if ("data" in p.source) {
    // A data set declared earlier: the same pipeline, built again (data sets are lazy and seeded).
    const earlier = data?.get(p.source.data);
    if (!earlier) throw new Error(`no data set ${p.source.data}`);
    code = pipelineCode(earlier, data);
  } else {
    const entry = dataSources.get(p.source.entry);
    if (!entry) throw new Error(`no data source ${p.source.entry}`);
    code = entry.emit(tsArgs(p.source.args, data));
  }
  for (const op of p.ops) {
    if (op.op === "select") {
      code = `${code}.select(${JSON.stringify(op.field)})`;
      continue;
    }
    const entry = dataOps.get(op.entry);
    if (!entry) throw new Error(`no data operation ${op.entry}`);
    code = entry.emit(code, tsArgs(op.args, data));
  }
  return code;
}
