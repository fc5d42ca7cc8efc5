/**
 * Recurrent layers that take and return their states: running a sequence in two halves, the
 * second started from the first's final states, gives the outputs and final states of running
 * it whole (exact up to float32 rounding, 1e-5), for RNN, LSTM and GRU, stacked two deep.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "../../runtime/index.js";
import { initBackends, randomValues, rng } from "./kernel-test-utils.js";

test.before(async () => {
  await initBackends();
});

const close = (a: tf.Tensor, b: tf.Tensor) => Math.max(...Array.from(tf.abs(tf.sub(a, b)).dataSync()));

for (const kind of ["RNN", "LSTM", "GRU"] as const) {
  test(`${kind}: states carried across two halves equal one run over the whole sequence`, (t) => {
    const layer = new dl.layers[kind](null, kind.toLowerCase(), { inputSize: 3, units: 5, layers: 2, returnSequences: true });
    const x = tf.tensor3d(randomValues(rng(3), 2 * 6 * 3), [2, 6, 3]);
    const whole = layer.applyWithState(x);
    const first = layer.applyWithState(tf.slice(x, [0, 0, 0], [-1, 3, -1]));
    const second = layer.applyWithState(tf.slice(x, [0, 3, 0], [-1, 3, -1]), first[1], first[2] ?? null);
    t.deepEqual(whole[1]!.shape, [2, 2, 5]);
    t.is(whole.length, kind === "LSTM" ? 3 : 2);
    t.true(close(tf.concat([first[0]!, second[0]!], 1), whole[0]!) < 1e-5);
    for (let i = 1; i < whole.length; i++) t.true(close(second[i]!, whole[i]!) < 1e-5);
    // Without states it is the layer's plain apply.
    t.true(close(layer.apply(x), whole[0]!) < 1e-6);
  });
}
