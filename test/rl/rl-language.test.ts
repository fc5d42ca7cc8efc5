/**
 * Reinforcement learning in the language: the Nature DQN's exact parameter count for any number
 * of actions, the RL standard library and examples check clean, their generated TypeScript
 * passes `tsc --strict`, and the checker types the experience fields from the environment.
 */
import test from "ava";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { stdlibRoot } from "../../compiler/workspace/workspace.js";
import { pipeline, problems, summarize } from "../stdlib/helpers.js";

const repoRoot = join(stdlibRoot, "..");
const examples = ["examples/dqn-cartpole.dl", "examples/rl-lstm-tmaze.dl"];

for (const actions of [2, 4, 6, 18]) {
  test(`NatureDQN(actions=${actions}) on [B, 84, 84, 4] has 1,684,128 + 513·${actions} parameters`, (t) => {
    const { problems, summary } = summarize("std/rl/dqn", "NatureDQN", [84, 84, 4], `actions=${actions}`);
    t.is(problems, "");
    t.is(summary?.totalParams, 1_684_128 + 513 * actions);
  });
}

test("RLLSTM has 4·(H·(I + H) + 2H) + (H + 1)·A parameters", (t) => {
  const { summary } = summarize("std/rl/rl-lstm", "RLLSTM", [15, 3], "observations=3, actions=4, steps=15, units=16");
  t.is(summary?.totalParams, 4 * (16 * (3 + 16) + 2 * 16) + 17 * 4);
});

for (const file of examples) {
  test(`${file} checks without diagnostics`, (t) => {
    t.is(problems(join(repoRoot, file)), "");
  });
}

test("the RL examples compile to TypeScript that passes tsc --strict", async (t) => {
  const out = join(repoRoot, ".cache/rl-tsc");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const roots: string[] = [];
  for (const file of examples) {
    const emitted = await pipeline.emitted(join(repoRoot, file));
    if (emitted.code === undefined) return t.fail(`${file} produced no code`);
    const path = join(out, file.replace(/\W+/g, "-") + ".ts");
    writeFileSync(path, emitted.code);
    roots.push(path);
  }
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const found = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || d.file.fileName.startsWith(out))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  t.deepEqual(found, []);
});

test("experience fields take their shapes from the environment", async (t) => {
  const emitted = await pipeline.emitted(join(repoRoot, "examples/rl-lstm-tmaze.dl"));
  // The emitted program unpacks the five episode fields in order.
  t.regex(emitted.code ?? "", /const \[s_, a, r, done, mask\] = batch;/);
  t.regex(emitted.code ?? "", /\.episodeReplay\(dl\.rl\.tmaze\(\{ length: 5, maxSteps: 14 \}\), net,/);
  t.regex(emitted.code ?? "", /mask: mask/);
});
