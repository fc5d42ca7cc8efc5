/**
 * Crash tests (issue 12, item 5): `dl run` is killed with SIGKILL during a step, while a
 * checkpoint is being written, during evaluation, and at random moments; `dl run --resume`
 * continues from the last complete checkpoint, and the finished history (every epoch's mean loss
 * and test accuracy) equals an uninterrupted run's exactly. Exact moments come from the
 * `DL_FAULT_KILL` hook (runtime/fault-point.ts: the process kills itself with SIGKILL there);
 * the random ones are a real kill -9 from this process after a seeded delay.
 */
import test from "ava";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import * as dl from "dl-lang/runtime";
import { dlChild, history, seeded, workFolder, type Child, type ChildResult } from "./fixtures/faults/harness.js";

const tmp = fs.mkdtempSync(join(os.tmpdir(), "dl-faults-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (cwd: string, file: string, out: string, extra: string[], env?: Record<string, string>, onFirstOutput?: (child: Child) => void) =>
  dlChild(cwd, ["run", file, "--out", out, "--backend", "wasm", ...extra], {
    env,
    onFirstOutput,
  });

const checkpoints = (out: string): string[] => (fs.existsSync(join(out, "checkpoints")) ? fs.readdirSync(join(out, "checkpoints")).sort() : []);
const resumedFrom = (r: ChildResult): number | null => Number(/Resumed blob from step (\d+)/.exec(r.stdout)?.[1] ?? NaN) || null;

const reference = (async () => {
  const [cwd, file] = workFolder(tmp, "reference");
  const r = await run(cwd, file, join(cwd, "run"), []);
  if (r.code !== 0) throw new Error(`reference run failed: ${r.stderr}`);
  return history(join(cwd, "run"));
})();

test("the reference run: 3 epochs, 48 steps, a history row per epoch", async (t) => {
  const rows = await reference;
  t.deepEqual(
    rows.map((r) => [r.epoch, r.step]),
    [
      [1, 16],
      [2, 32],
      [3, 48],
    ],
  );
  t.true(rows.every((r) => typeof r.loss === "number" && typeof r.test_accuracy === "number"));
});

/** One crash of the chain: where the process kills itself, and what the folder shows afterwards. */
interface Stage {
  kill: string;
  /** The step the run starting this stage resumes from (null: starts afresh). */
  from: number | null;
  after: (t: import("ava").ExecutionContext, out: string) => void;
}

const stages: Stage[] = [
  {
    kill: "step:7",
    from: null,
    after: (t, out) => t.deepEqual(checkpoints(out), ["latest.json", "step-00000005"]),
  },
  {
    kill: "checkpoint-file:3",
    from: 5,
    after: (t, out) =>
      t.true(
        checkpoints(out).some((f) => /^step-00000010\.tmp-\d+$/.test(f)),
        "killed half-way through writing step 10",
      ),
  },
  {
    kill: "checkpoint-manifest:1",
    from: 5,
    after: (t, out) => {
      const tmpDir = checkpoints(out).find((f) => f.startsWith("step-00000010.tmp-"));
      t.truthy(tmpDir && fs.existsSync(join(out, "checkpoints", tmpDir, "manifest.json")), "complete but not yet renamed");
    },
  },
  {
    kill: "checkpoint-rename:2",
    from: 5,
    after: (t, out) => {
      t.deepEqual(JSON.parse(fs.readFileSync(join(out, "checkpoints", "latest.json"), "utf8")), { checkpoint: "step-00000010" });
      t.is(dl.checkpoint.verifyCheckpoint(join(out, "checkpoints", "step-00000015")), null, "step 15 is complete, latest.json not yet updated");
    },
  },
  {
    kill: "evaluate:2",
    from: 15,
    after: (t, out) => t.false(fs.existsSync(join(out, "history.jsonl")), "killed inside epoch 1's evaluation"),
  },
  {
    kill: "step:22",
    from: 15,
    after: (t, out) => t.deepEqual(checkpoints(out), ["latest.json", "step-00000030", "step-00000035"]),
  },
  {
    kill: "evaluate:3",
    from: 35,
    after: (t, out) => t.is(history(out).length, 2, "killed inside epoch 3's evaluation"),
  },
  {
    kill: "history:1",
    from: 45,
    after: (t, out) => t.is(history(out).length, 3, "the last history row written, the final checkpoint not"),
  },
];

test("killed during steps, checkpoint writes and evaluation, resumed each time: the history equals an uninterrupted run's", async (t) => {
  const [cwd, file] = workFolder(tmp, "exact");
  const out = join(cwd, "run");
  let killed: number | null = null;
  for (const stage of stages) {
    const r = await run(cwd, file, out, stage.from === null ? [] : ["--resume"], { DL_FAULT_KILL: stage.kill });
    t.is(r.signal, "SIGKILL", `${stage.kill}: ${r.stderr}`);
    t.is(resumedFrom(r), stage.from, `${stage.kill}: resumed from`);
    if (killed !== null) t.regex(r.stderr, new RegExp(`took over a stale lock of pid ${killed}`), stage.kill);
    stage.after(t, out);
    killed = r.pid;
  }
  const last = await run(cwd, file, out, ["--resume"]);
  t.is(last.code, 0, last.stderr);
  t.is(resumedFrom(last), 45);
  t.deepEqual(history(out), await reference);
  t.deepEqual(checkpoints(out), ["latest.json", "step-00000045", "step-00000048"]);
  t.false(fs.existsSync(join(out, "run.lock")), "the lock is released");
});

test("kill -9 at random moments, then --resume: the history equals an uninterrupted run's", async (t) => {
  const [cwd, file] = workFolder(tmp, "random");
  const out = join(cwd, "run");
  const random = seeded(Number(process.env.DL_FAULT_SEED ?? 12));
  const log: string[] = [];
  for (let i = 0; i < 4; i++) {
    // The clock starts when this process begins its first checkpoint (a new entry in checkpoints/),
    // so the kill lands in training whatever the machine's load: in a step, a checkpoint write or
    // an evaluation.
    const delay = Math.round(random() * 600);
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    const r = await run(cwd, file, out, ["--resume"], undefined, (child) => {
      const before = new Set(checkpoints(out));
      poll = setInterval(() => {
        if (!checkpoints(out).some((f) => !before.has(f))) return;
        clearInterval(poll);
        timer = setTimeout(() => child.kill("SIGKILL"), delay);
      }, 5);
    });
    clearInterval(poll);
    clearTimeout(timer);
    const from = resumedFrom(r) ?? "the start";
    log.push(`kill ${delay} ms after its first checkpoint began: ${r.signal ?? `exit ${r.code}`}; resumed from ${from}, left ${checkpoints(out).join(" ")}`);
    t.true(r.signal === "SIGKILL" || r.code === 0, r.stderr);
  }
  const last = await run(cwd, file, out, ["--resume"]);
  t.log(log.join("\n"));
  t.is(last.code, 0, last.stderr);
  t.deepEqual(history(out), await reference);
});

test("a second run on a folder in use is refused with a message, not interleaved", async (t) => {
  const [cwd, file] = workFolder(tmp, "locked");
  const out = join(cwd, "run");
  const release = dl.checkpoint.acquireRunLock(out, () => {});
  try {
    const r = await run(cwd, file, out, []);
    t.is(r.code, 1);
    t.regex(r.stderr, new RegExp(`^error: ${out.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: this run folder is in use by dl run \\(pid ${process.pid} on `));
    t.notRegex(r.stderr, /\n\s+at /, "no stack trace");
    t.false(fs.existsSync(join(out, "history.jsonl")));
  } finally {
    release();
  }
});
