/**
 * The torch target's reading of a registry entry's runtime call (compiler/targets/torch/
 * runtime-call.ts): the same call in Python syntax, the runtime names it uses, and an error
 * naming the entry for anything that is not a runtime call.
 */
import test from "ava";
import { runtimeCall, TorchTargetError } from "../../compiler/targets/torch/runtime-call.js";

const py = (src: string) => {
  const names = new Set<string>();
  return { code: runtimeCall(src, "entry", names), names: [...names].sort() };
};

test("calls, new, object and array literals, booleans and undefined become Python", (t) => {
  t.deepEqual(py('new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, kernel: [5, 5], bias: true, padding: [[0, 1], [2, 3]] })'), {
    code: 'dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "kernel": [5, 5], "bias": True, "padding": [[0, 1], [2, 3]]})',
    names: ["dl.layers.Conv2D"],
  });
  t.is(py("this.lstm_0.applyWithState(x, undefined, false)").code, "self.lstm_0.applyWithState(x, None, False)");
  t.deepEqual(py("this.lstm_0.applyWithState(x, undefined, false)").names, ["method applyWithState"]);
  t.is(py("dl.ops.leakyRelu(x, -0.2)").code, "dl.ops.leakyRelu(x, -0.2)");
  t.is(py('dl.data.mnist({ split: "train" }).batch(64, { shuffle: true })').code, 'dl.data.mnist({"split": "train"}).batch(64, {"shuffle": True})');
  t.deepEqual(py("dl.optim.adam([net], { lr: 0.001, schedule: dl.schedules.cosine(10), init: dl.init.zeros })").names, ["dl.init.zeros", "dl.optim.adam", "dl.schedules.cosine"]);
});

test("sizes read at run time: integer division and the non-null assertion", (t) => {
  t.is(py("dl.ops.reshape(x, [Math.floor((x.shape[0]! - 1) / 2), Math.ceil(x.shape[1]! / 4)])").code, "dl.ops.reshape(x, [((x.shape[0] - 1) // 2), (-(-x.shape[1] // 4))])");
  t.is(py("dl.ops.full([x.shape[0]!, 3], 1 / 3)").code, "dl.ops.full([x.shape[0], 3], 1 / 3)");
  t.is(py('dl.ops.concat([a, b], -1)').code, "dl.ops.concat([a, b], -1)");
});

test("strings keep their text, escapes included", (t) => {
  t.is(py('f("a\\"b\\n\\u00e9")').code, 'f("a\\"b\\n\\u00e9")'.replace("\\u00e9", "é"));
});

test("what is not a runtime call is an error naming the entry", (t) => {
  for (const src of ["(x) => x", "a ? b : c", "`t${x}`", "dl.ops.relu(x"]) {
    const err = t.throws(() => py(src), { instanceOf: TorchTargetError });
    t.regex(err!.message, /^entry: /);
  }
});

test.serial("an entry's own lower.torch replaces its runtime call, for the field and for the application, with Python values", async (t) => {
  const { registry } = await import("../../compiler/layers/index.js");
  const { DocumentPipeline } = await import("../../compiler/pipeline/document-pipeline.js");
  const { emitTorch } = await import("../../compiler/targets/torch/index.js");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dense = registry.get("dense")!;
  const leaky = registry.get("leaky_relu")!;
  const saved = [dense.lower, leaky.lower];
  dense.lower = { torch: { construct: (ctx, parent, name) => `Linear(${parent}, ${JSON.stringify(name)}, ${ctx.args.init ?? "None"})`, apply: (ctx, [x]) => `${ctx.field}(${x}, ${ctx.training})` } };
  leaky.lower = { torch: { apply: (ctx, [x]) => `torch.nn.functional.leaky_relu(${x}, ${ctx.args.alpha as number})` } };
  try {
    const file = join(mkdtempSync(join(tmpdir(), "dl-lower-")), "m.dl");
    writeFileSync(file, "model M() {\n  input x: f32[B, 4]\n  return x |> dense(3, init=normal(0.5)) |> leaky_relu(0.2)\n}\n");
    const emitted = await new DocumentPipeline().emitted(file, "m.dl");
    const code = emitTorch(emitted.ir!).code;
    t.regex(code, /self\.dense_0 = Linear\(self, "dense_0", dl\.init\.normal\(0\.5\)\)/);
    t.regex(code, /t1 = self\.dense_0\(x, training\)\n\s+t2 = torch\.nn\.functional\.leaky_relu\(t1, 0\.2\)/);
  } finally {
    [dense.lower, leaky.lower] = saved;
  }
});
