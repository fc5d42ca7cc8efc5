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
