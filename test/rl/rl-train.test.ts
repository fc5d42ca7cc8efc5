/**
 * The RL runtime: CartPole follows Gym's dynamics, the T-maze hides its sign after the first
 * cell, the TD loss matches a hand computation, a few optimizer steps on a replayed batch lower
 * the TD loss of both examples (wasm), and the engine reports the episodes it played.
 */
import test from "ava";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { pipeline } from "../stdlib/helpers.js";

const repoRoot = join(stdlibRoot, "..");
const cache = join(repoRoot, ".cache", "rl-train");

test.before(async () => {
  await dl.selectBackend("wasm");
});

/** The example's program, compiled and imported. */
async function program(file: string, train: string): Promise<dl.TrainProgram> {
  const emitted = await pipeline.emitted(join(repoRoot, file));
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(cache, { recursive: true });
  const module = join(cache, `${file.replace(/\W+/g, "-")}.ts`);
  writeFileSync(module, emitted.code);
  const generated = (await import(pathToFileURL(module).href)) as Record<string, () => dl.TrainProgram>;
  return generated[train]!();
}

test("CartPole's first step matches Gym's Euler dynamics", (t) => {
  const cart = new dl.rl.CartPoleInstance();
  cart.state.fill(0);
  const { observation, reward, terminal } = cart.step(1);
  // By hand from Gym's CartPoleEnv.step: ẍ = 9.7561, θ̈ = −14.6341, one 0.02 s Euler step.
  const expected = [0, 0.195122, 0, -0.292683];
  for (const [i, v] of expected.entries()) t.true(Math.abs(observation[i]! - v) < 1e-5, `state[${i}] = ${observation[i]}, expected ${v}`);
  t.is(reward, 1);
  t.false(terminal);
});

test("CartPole fails when the pole leans past 12 degrees", (t) => {
  const cart = new dl.rl.CartPoleInstance();
  cart.state.set([0, 0, 0.21, 0]);
  t.true(cart.step(0).terminal);
});

test("the T-maze shows its sign only in the first cell", (t) => {
  const rng = new dl.Rng(3);
  const maze = new dl.rl.TMazeInstance(3);
  const start = maze.reset(rng);
  t.deepEqual([...start], maze.goal === 0 ? [0, 1, 1] : [1, 1, 0]);
  t.deepEqual([...maze.step(1).observation], [1, 0, 1]);
  t.is(maze.step(3).reward, 0);
  t.is(maze.step(3).reward, -0.1, "bumping into the west wall");
  for (let i = 0; i < 3; i++) maze.step(1);
  t.deepEqual([...maze.step(1).observation], [0, 1, 0], "east at the junction bumps");
  const right = maze.step(maze.goal === 0 ? 0 : 2);
  t.is(right.reward, 4);
  t.true(right.terminal);
});

test("td_loss: Huber of Q(s, a) − (r + γ·(1 − done)·max Q'(s2))", (t) => {
  const q = tf.tensor2d([[1, 2], [3, 0.5]]);
  const next = tf.tensor2d([[0, 4], [10, 1]]);
  const a = tf.tensor1d([1, 0], "int32");
  const r = tf.tensor1d([1, 0.5]);
  const done = tf.tensor1d([0, 1]);
  // Targets: 1 + 0.5·4 = 3 (error −1 → Huber 0.5) and 0.5 (error 2.5 → Huber 2).
  t.true(Math.abs(dl.rl.tdLoss(q, a, r, next, done, { gamma: 0.5 }).dataSync()[0]! - 1.25) < 1e-6);
  t.true(Math.abs(dl.rl.tdLoss(q, a, r, next, done, { gamma: 0.5, huber: false }).dataSync()[0]! - (1 + 6.25) / 2) < 1e-6);
  // Over episodes: values [1, 3, 2] for T + 1 = 3 observations, the next values one step later.
  const seq = tf.tensor3d([[[1, 0], [3, 0], [0, 0]]]);
  const loss = dl.rl.tdLoss(seq, tf.tensor2d([[0, 0]], undefined, "int32"), tf.tensor2d([[1, 5]]), seq, tf.tensor2d([[0, 1]]), { gamma: 1, huber: false, mask: tf.tensor2d([[1, 0]]) });
  // Step 0: 1 − (1 + 3) = −3; step 1 masked out.
  t.true(Math.abs(loss.dataSync()[0]! - 9) < 1e-6);
});

/** Steps on one replayed batch: the TD loss (target network fixed) falls. */
async function fewStepsLower(t: import("ava").ExecutionContext, file: string, train: string, steps: number): Promise<void> {
  const p = await program(file, train);
  const setup = p.build(new dl.Rng(p.seed));
  const memory = setup.data[(setup.loop as { over: string }).over]!;
  const batch = memory.epoch(0, 0, 1).next().value as tf.Tensor[];
  const s = new dl.train.StepContext(p.source, true);
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => setup.loop.step(batch, s));
    s.step++;
  }
  const losses = s.trace.map((e) => e.value);
  t.log(`${train}: loss ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)} in ${steps} steps`);
  t.true(losses.at(-1)! < losses[0]!);
  tf.dispose(batch);
}

test.serial("DQN on CartPole: a few steps on a replayed batch lower the TD loss", async (t) => {
  await fewStepsLower(t, "examples/dqn-cartpole.dl", "dqn_cartpole", 20);
});

test.serial("RL-LSTM on the T-maze: a few steps on replayed episodes lower the TD loss", async (t) => {
  await fewStepsLower(t, "examples/rl-lstm-tmaze.dl", "rl_lstm_tmaze", 10);
});

test.serial("the engine plays CartPole, reports episodes per epoch and evaluates 100 episodes", async (t) => {
  const p = await program("examples/dqn-cartpole.dl", "dqn_cartpole");
  const outDir = join(cache, "runs", "dqn");
  rmSync(outDir, { recursive: true, force: true });
  const short: dl.TrainProgram = { ...p, epochs: 1 };
  const r = await dl.run(short, { backend: "wasm", outDir, maxSteps: 1000, quiet: true });
  const row = r.history[0]!;
  t.is(r.steps, 1000);
  t.true(row["train_episodes"]! > 0);
  t.true(row["train_episode_length"]! >= 8, `mean training episode ${row["train_episode_length"]}`);
  t.true(row["epsilon"]! < 1);
  t.true(row["test_episode_length"]! >= 8 && row["test_episode_length"]! <= 200);
});
