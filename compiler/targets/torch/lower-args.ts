/**
 * IR argument values as the lowerings of registry entries take them on this target:
 * initializers, schedules and data sets as runtime calls, model instances by Python name. The
 * runtime-call notation (runtime-call.ts) is what entries without a `lower.torch` produce; a
 * `lower.torch` gets the same values already in Python.
 */
import { initializers } from "../../layers/initializers.js";
import { schedules } from "../../optim/schedules.js";
import { dataSources, dataOps } from "../../data/index.js";
import { safeName } from "../../check/names.js";
import type { Args, ArgValue } from "../../registry/types.js";
import type { DataPipeline } from "../../ir/train.js";
import type { IRArgs, IRArgValue, InitValue } from "../../ir/values.js";
import { pyName } from "./python-writer.js";
import { runtimeCall, type RuntimeNames } from "./runtime-call.js";

/** The pipelines of data sets declared earlier in a train block, by name. */
export type DataScope = ReadonlyMap<string, DataPipeline>;

/** How argument values are written: in the runtime-call notation, or converted to Python (`names` then collects the runtime names). */
export type ArgForm = { python: false } | { python: true; names: RuntimeNames };

const pyIdent = (name: string) => pyName(safeName(name));

/** Every argument in the lowering form `form`. */
export function callArgs(args: IRArgs, form: ArgForm, data?: DataScope): Args {
  const out: Args = {};
  for (const [k, v] of Object.entries(args)) out[k] = callArg(v, form, data);
  return out;
}

function finish(code: string, what: string, form: ArgForm): string {
  return form.python ? runtimeCall(code, what, form.names) : code;
}

function callArg(v: IRArgValue, form: ArgForm, data?: DataScope): ArgValue {
  if (typeof v !== "object" || Array.isArray(v) || !("kind" in v)) return v;
  switch (v.kind) {
    case "init":
      return finish(initCall(v), `initializer ${v.name}`, form);
    case "schedule": {
      const entry = schedules.get(v.name);
      if (!entry) throw new Error(`no schedule ${v.name}`);
      return finish(entry.emit(callArgs(v.args, { python: false }, data)), `schedule ${v.name}`, form);
    }
    case "instance":
      return pyIdent(v.name);
    case "data":
      return { kind: "data", code: finish(pipelineCall(v.pipeline, data), "data set", form), fields: v.fields };
    default:
      return v;
  }
}

/** An initializer's runtime call (`dl.init.normal(0.02)`). */
export function initCall(v: InitValue): string {
  const entry = initializers.get(v.name);
  if (!entry) throw new Error(`no initializer ${v.name}`);
  return entry.emit(callArgs(v.args, { python: false }));
}

/** A data pipeline as a runtime call: `dl.data.mnist({ ... }).batch(...)`. */
export function pipelineCall(p: DataPipeline, data?: DataScope): string {
  let code: string;
  if ("data" in p.source) {
    // A data set declared earlier: the same pipeline, built again (data sets are lazy and seeded).
    const earlier = data?.get(p.source.data);
    if (!earlier) throw new Error(`no data set ${p.source.data}`);
    code = pipelineCall(earlier, data);
  } else {
    const entry = dataSources.get(p.source.entry);
    if (!entry) throw new Error(`no data source ${p.source.entry}`);
    code = entry.emit(callArgs(p.source.args, { python: false }, data));
  }
  for (const op of p.ops) {
    if (op.op === "select") {
      code = `${code}.select(${JSON.stringify(op.field)})`;
      continue;
    }
    const entry = dataOps.get(op.entry);
    if (!entry) throw new Error(`no data operation ${op.entry}`);
    code = entry.emit(code, callArgs(op.args, { python: false }, data));
  }
  return code;
}
