/**
 * The encoder-decoder Transformer example (examples/transformer-reverse.dl) trains: a smaller
 * run of the same file (fewer sequences and epochs, one layer each side) lowers the loss clearly
 * and its greedy decoding gets most tokens of held-out sequences right. And `greedy_decode` is
 * the token-by-token greedy search: against a reference loop over a hand-made causal model.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { safeName } from "../../compiler/check/names.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, Workspace } from "../../compiler/workspace/workspace.js";
import { repoRoot } from "../compiler/golden.js";
import { useWasm } from "../runtime/fixtures/backend.js";

test.before(useWasm);

const cache = join(repoRoot, ".cache", "test-sequence");
const example = join(repoRoot, "examples/transformer-reverse.dl");
const overlay = new Map<string, string>();
const pipeline = new DocumentPipeline(new Workspace({ read: (p) => overlay.get(p) ?? fileSystemHost.read(p) }));

/** The example with its sizes replaced, as a user shortens a run; each replacement must apply. */
function shortened(edits: [RegExp, string][]): string {
  let text = readFileSync(example, "utf8");
  for (const [from, to] of edits) {
    if (!from.test(text)) throw new Error(`examples/transformer-reverse.dl no longer contains ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

test.serial("transformer-reverse: a few hundred steps lower the loss clearly and greedy decoding reverses most held-out tokens", async (t) => {
  // Sequences of 6 tokens, 3,200 of them in batches of 32 for 4 epochs: 400 steps; two layers each side, as in the example.
  const six: [RegExp, string][] = [/length=8/g, /src_len=8/, /tgt_len=8/, /ones\(\[B, 1, 8\]\)/g].map((from) => [from, from.source.replace(/\\/g, "").replace("8", "6")]);
  overlay.set(example, shortened([...six, [/n=4000/, "n=3200"], [/batch\(50/, "batch(32"], [/epochs 8/, "epochs 4"], [/n=500/, "n=200"], [/batch\(500\)/, "batch(200)"]]));
  const emitted = await pipeline.emitted(example);
  overlay.delete(example);
  t.deepEqual(emitted.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `transformer-reverse-${process.pid}.ts`);
  writeFileSync(file, emitted.code!);
  const module = (await import(pathToFileURL(file).href)) as Record<string, () => dl.TrainProgram>;
  const outDir = join(cache, "runs", "reverse");
  rmSync(outDir, { recursive: true, force: true });
  const started = Date.now();
  const r = await dl.run(module[safeName("reverse")]!(), { backend: "wasm", outDir, trace: true, quiet: true, warn: () => {} });
  const seconds = (Date.now() - started) / 1000;
  const losses = r.trace.filter((e) => e.name === "loss").map((e) => e.value);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(losses.slice(0, 20));
  const last = mean(losses.slice(-20));
  const final = r.history[r.history.length - 1] as Record<string, number>;
  t.log(`${r.steps} steps in ${seconds.toFixed(1)} s; loss ${first.toFixed(3)} → ${last.toFixed(3)}; held-out greedy token accuracy ${final.test_token_accuracy}, sequences ${final.test_sequence_accuracy}, teacher-forced loss ${final.test_loss}`);
  t.is(r.steps, 400);
  t.true(last < 0.4 * first, `loss ${first} → ${last}`);
  t.true(final.test_token_accuracy! > 0.8, `greedy token accuracy ${final.test_token_accuracy}`);
  t.true(final.test_sequence_accuracy! > 0.5, `greedy sequence accuracy ${final.test_sequence_accuracy}`);
});

/**
 * A causal "model" over vocabulary 5: the score of token v at position t is a fixed function of
 * the tokens at positions ≤ t and of the source, so the greedy reference loop below is well defined.
 */
class ToyDecoder {
  calls = 0;
  apply(src: tf.Tensor, tgt: tf.Tensor, training: boolean): tf.Tensor {
    this.calls++;
    if (training) throw new Error("greedy decoding runs in inference");
    return tf.tidy(() => {
      const [b, len] = tgt.shape as [number, number];
      // Prefix sums of the target tokens so far plus the source token at the position: causal in tgt.
      const prefix = tf.cumsum(tf.cast(tgt, "float32"), 1);
      const key = tf.add(prefix, tf.mul(tf.cast(src, "float32"), 2)); // [B, T]
      const vocab = tf.reshape(tf.range(0, 5), [1, 1, 5]);
      const target = tf.mod(tf.reshape(key, [b, len, 1]), 5);
      return tf.neg(tf.abs(tf.sub(vocab, target))); // highest at token key mod 5
    });
  }
}

test("greedy_decode is token-by-token greedy search: each kept token is fed at the next position", (t) => {
  const src = tf.tensor2d([[1, 2, 3, 4], [4, 0, 2, 1], [3, 3, 3, 3]], [3, 4], "int32");
  const net = new ToyDecoder();
  const got = dl.ops.greedyDecode(net, [src], 1, 4, 0).arraySync() as number[][];
  t.is(net.calls, 4);
  // Reference: decode one position at a time on the host.
  const s = src.arraySync() as number[][];
  const want = s.map((row) => {
    const fed = [0];
    const out: number[] = [];
    for (let pos = 0; pos < 4; pos++) {
      const prefix = fed.slice(0, pos + 1).reduce((a, b) => a + b, 0);
      const tok = (prefix + 2 * row[pos]!) % 5;
      out.push(tok);
      fed.push(tok);
    }
    return out;
  });
  t.deepEqual(got, want);
});
