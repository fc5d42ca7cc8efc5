/**
 * Data-parallel training on the torch engine: LeNet-5 on real MNIST with 2 processes (torchrun,
 * gloo on 127.0.0.1, each taking half of every global batch of 64) follows a 1-process run with
 * the same global batch within 1e-4 for 20 steps; a 2-process run stopped after 10 steps and
 * resumed (--resume) continues with the same losses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bothEngines, driver, tempDir, torchTest, torchrun } from "./torch-helpers.js";

type Trace = { step: number; name: string; value: number }[];

const read = (f: string): Trace => JSON.parse(readFileSync(f, "utf8")) as Trace;

torchTest("2 processes under torchrun (gloo) follow 1 process with the same global batch for 20 steps, and resume", async (t) => {
  const dir = tempDir();
  const { py } = await bothEngines("examples/lenet-mnist.dl", dir);
  const common = ["--train", "lenet", "--quiet", "--no-evaluate", "--threads", "1"];
  driver(["train", py, ...common, "--max-steps", "20", "--out", join(dir, "one"), "--trace", join(dir, "one.json")]);
  torchrun(2, ["train", py, ...common, "--max-steps", "20", "--out", join(dir, "two"), "--trace", join(dir, "two.json")]);
  const one = read(join(dir, "one.json"));
  const two = read(join(dir, "two.json"));
  t.is(one.length, 20);
  t.is(two.length, 20);
  one.forEach((a, i) => {
    const b = two[i]!;
    t.true(Math.abs(a.value - b.value) <= 1e-4 * Math.max(1, Math.abs(a.value)), `step ${a.step}: 1 process ${a.value}, 2 processes ${b.value}`);
  });
  // Stopped after 10 steps (a checkpoint is written), then resumed to 20 by two processes.
  torchrun(2, ["train", py, ...common, "--max-steps", "10", "--out", join(dir, "resumed")]);
  torchrun(2, ["train", py, ...common, "--max-steps", "20", "--resume", "--out", join(dir, "resumed"), "--trace", join(dir, "resumed.json")]);
  const resumed = read(join(dir, "resumed.json"));
  t.deepEqual(
    resumed.map((r) => r.step),
    [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
  );
  resumed.forEach((r) => {
    const a = two[r.step - 1]!;
    t.true(Math.abs(a.value - r.value) <= 1e-5 * Math.max(1, Math.abs(a.value)), `step ${r.step}: uninterrupted ${a.value}, resumed ${r.value}`);
  });
});
