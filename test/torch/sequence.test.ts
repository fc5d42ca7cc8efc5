/**
 * The sequence-to-sequence pieces on the torch engine: `token_sequences` draws the same tokens as
 * the tfjs runtime's, and `dl_torch.ops.greedyDecode` decodes as `dl.ops.greedyDecode` does (a toy
 * causal model written on both sides; the Transformer example's first losses are compared in
 * first-losses.test.ts).
 */
import { spawnSync } from "node:child_process";
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { pythonEnv } from "../../cli/torch-engine.js";
import { python, torchTest } from "./torch-helpers.js";

test.before(async () => {
  await dl.selectBackend("cpu");
});

function py(script: string): unknown {
  const r = spawnSync(python!, ["-c", script], { encoding: "utf8", env: pythonEnv() });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

torchTest("token_sequences: the same sequences on both engines, for every task", (t) => {
  for (const task of ["copy", "reverse", "sort"]) {
    const o = { n: 20, length: 5, vocab: 7, task, seed: 3 };
    const ds = dl.data.tokenSequences(o);
    const fields = (ds as unknown as { fields: { name: string; storage: Int32Array }[] }).fields;
    const ts = Object.fromEntries(fields.map((f) => [f.name, [...f.storage]]));
    const torch = py(`import json, dl_torch as dl\nds = dl.data.tokenSequences(${JSON.stringify(o)})\nprint(json.dumps({f.name: [int(v) for v in f.storage] for f in ds.fields}))`);
    t.deepEqual(torch, ts, task);
  }
});

torchTest("greedyDecode: the same tokens on both engines for a causal toy model", (t) => {
  const src = [[1, 2, 3, 4], [4, 0, 2, 1], [3, 3, 3, 3]];
  // Scores of token v at position t: −|v − (Σ_{s ≤ t} tgt_s + 2·src_t) mod 5|.
  const net = {
    apply(s: tf.Tensor, tgt: tf.Tensor, _training: boolean): tf.Tensor {
      return tf.tidy(() => {
        const key = tf.mod(tf.add(tf.cumsum(tf.cast(tgt, "float32"), 1), tf.mul(tf.cast(s, "float32"), 2)), 5);
        return tf.neg(tf.abs(tf.sub(tf.reshape(tf.range(0, 5), [1, 1, 5]), tf.expandDims(key, 2))));
      });
    },
  };
  const ts = dl.ops.greedyDecode(net, [tf.tensor2d(src, [3, 4], "int32")], 1, 4, 0).arraySync();
  const torch = py(
    `import json, torch, dl_torch as dl
class Net:
    def apply(self, s, tgt, training):
        key = torch.remainder(torch.cumsum(tgt.float(), 1) + 2 * s.float(), 5)
        return -(torch.arange(5).float().reshape(1, 1, 5) - key.unsqueeze(2)).abs()
out = dl.ops.greedyDecode(Net(), [torch.tensor(${JSON.stringify(src)}, dtype=torch.int32)], 1, 4, 0)
print(json.dumps(out.tolist()))`,
  );
  t.deepEqual(torch, ts);
});
