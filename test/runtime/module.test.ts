import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { LeNet5 } from "./fixtures/lenet-program.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

class Block extends dl.Module {
  readonly conv: dl.layers.Conv2D;
  readonly bn: dl.layers.BatchNorm;
  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.conv = new dl.layers.Conv2D(this, "conv", { inChannels: 32, filters: 64, kernel: [3, 3], groups: 4, bias: false });
    this.bn = new dl.layers.BatchNorm(this, "bn", { features: 64 });
  }
}

test("stable hierarchical names, unique tfjs names", (t) => {
  const a = new Block(null, "net", new dl.Rng(0));
  const b = new Block(null, "net", new dl.Rng(0));
  t.deepEqual([...a.namedVariables().keys()], ["net.conv.kernel", "net.bn.gamma", "net.bn.beta", "net.bn.runningMean", "net.bn.runningVar"]);
  t.notDeepEqual(a.conv.kernel.name, b.conv.kernel.name);
  t.deepEqual(a.conv.kernel.dataSync(), b.conv.kernel.dataSync(), "same seed, same weights");
  t.throws(() => new dl.layers.Dense(a, "conv", { inFeatures: 1, units: 1 }), { message: /defined twice/ });
  a.dispose();
  b.dispose();
});

test("parameter counts follow PyTorch (buffers excluded)", (t) => {
  const net = new LeNet5(null, "lenet", new dl.Rng(0));
  t.is(net.parameterCount(), 61706); // sum(p.numel() for p in LeNet5().parameters())
  const blk = new Block(null, "blk", new dl.Rng(0));
  // Conv2d(32, 64, 3, groups=4, bias=False): 64*8*9 = 4608; BatchNorm2d(64): 128.
  t.is(blk.parameterCount(), 4608 + 128);
  t.is(blk.trainableVariables().length, 3);
  blk.bn.freeze();
  t.is(blk.trainableVariables().length, 1, "frozen modules leave the trainable set");
  t.is(blk.parameterCount(), 4608 + 128, "freezing does not change the count");
  net.dispose();
  blk.dispose();
});

test("PyTorch default init bounds: U(±1/sqrt(fanIn))", (t) => {
  const d = new dl.layers.Dense(null, "d", { inFeatures: 100, units: 50 });
  const w = d.kernel.dataSync();
  t.true(Math.max(...w) <= 0.1 && Math.min(...w) >= -0.1);
  t.true(Math.max(...w) > 0.09, "uses the whole range");
  d.dispose();
});

test("dispose frees every variable", (t) => {
  const before = tf.memory().numTensors;
  const net = new LeNet5(null, "net", new dl.Rng(1));
  t.true(tf.memory().numTensors > before);
  net.dispose();
  t.is(tf.memory().numTensors, before);
});

test("Rng: deterministic, children by name, state restores", (t) => {
  const a = new dl.Rng(42);
  const b = new dl.Rng(42);
  t.deepEqual([a.next(), a.next()], [b.next(), b.next()]);
  t.not(new dl.Rng(43).next(), new dl.Rng(42).next());
  const c1 = new dl.Rng(7).child("x").next();
  const r = new dl.Rng(7);
  r.child("y").next();
  t.is(r.child("x").next(), c1, "a child does not depend on its siblings");
  t.is(r.child("x"), r.child("x"));
  const s = new dl.Rng(9);
  s.child("drop").next();
  const saved = s.state();
  const expected = s.child("drop").next();
  const late = s.child("late");
  late.next();
  const restored = new dl.Rng(9);
  restored.restore({ ...saved, late: 1 });
  t.is(restored.child("drop").next(), expected);
  t.is(restored.child("late").counter, 1, "streams created after restore get their counters");
  const u = dl.random.uniform([1000], 2, 3, new dl.Rng(0));
  const vals = u.dataSync();
  t.true(Math.min(...vals) >= 2 && Math.max(...vals) < 3);
  u.dispose();
});
