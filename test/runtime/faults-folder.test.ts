/**
 * Run-folder faults (issue 12, item 5): a truncated or corrupted newest checkpoint is detected by
 * its manifest and the previous one resumed from, with a warning; a full disk during a checkpoint
 * stops the run with a clear message and leaves the previous checkpoint intact (for real on a
 * small tmpfs where mounting is allowed, and through an injected ENOSPC from `fs.writeSync`
 * everywhere); a run lock refuses a second run on the same folder and takes over a dead one's.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import { join } from "node:path";
import * as dl from "dl-lang/runtime";
import { blobProgram, history, repoRoot, workFolder } from "./fixtures/faults/harness.js";

const tmp = fs.mkdtempSync(join(os.tmpdir(), "dl-folder-faults-"));
test.after.always(() => fs.rmSync(tmp, { recursive: true, force: true }));
const base = { backend: "wasm", quiet: true } as const;
const rows = (r: dl.RunResult): Record<string, number>[] => r.history.map(({ seconds: _, ...rest }) => rest);
const entries = (dir: string): string[] => fs.readdirSync(dir).sort();

const ready = (async () => {
  const program = await blobProgram();
  const reference = rows(await dl.run(program(), { ...base, outDir: join(tmp, "reference") }));
  // Stopped at step 23: checkpoints step-20 and step-23 (the one taken at the stop).
  const stopped = join(tmp, "stopped");
  await dl.run(program(), { ...base, outDir: stopped, maxSteps: 23 });
  return { program, reference, stopped };
})();

/** A copy of the folder stopped at step 23, for one test to damage. */
async function stoppedCopy(name: string): Promise<string> {
  const { stopped } = await ready;
  const copy = join(tmp, name);
  fs.cpSync(stopped, copy, { recursive: true });
  return copy;
}

const newest = (out: string, file: string): string => join(out, "checkpoints", "step-00000023", file);

/** Damage done to the newest checkpoint -> the warning that names it. */
const damages: { name: string; damage: (out: string) => void; warning: RegExp }[] = [
  {
    name: "truncated weights",
    damage: (out) => fs.truncateSync(newest(out, "models/net/weights.bin"), 100),
    warning: /step-00000023 is damaged: models\/net\/weights\.bin has 100 bytes, the manifest says \d+ \(truncated\?\)/,
  },
  {
    name: "one flipped byte in the optimizer slots",
    damage: (out) => {
      const file = newest(out, "optimizers/opt/weights.bin");
      const bytes = fs.readFileSync(file);
      bytes[17] ^= 0x40;
      fs.writeFileSync(file, bytes);
    },
    warning: /optimizers\/opt\/weights\.bin does not match its sha256 in the manifest \(corrupted\)/,
  },
  { name: "state.json overwritten", damage: (out) => fs.writeFileSync(newest(out, "state.json"), "{}"), warning: /state\.json has 2 bytes/ },
  { name: "a file deleted", damage: (out) => fs.rmSync(newest(out, "models/net/model.json")), warning: /models\/net\/model\.json is missing/ },
  { name: "no manifest", damage: (out) => fs.rmSync(newest(out, "manifest.json")), warning: /no manifest\.json \(the checkpoint was never completed\)/ },
  { name: "truncated manifest", damage: (out) => fs.truncateSync(newest(out, "manifest.json"), 30), warning: /manifest\.json is unreadable/ },
];

for (const { name, damage, warning } of damages) {
  test.serial(`newest checkpoint damaged (${name}): resumed from the previous one with a warning, same history`, async (t) => {
    const { program, reference } = await ready;
    const out = await stoppedCopy(`damaged-${name.replace(/\W+/g, "-")}`);
    damage(out);
    const warnings: string[] = [];
    const r = await dl.run(program(), { ...base, outDir: out, resume: true, warn: (m) => warnings.push(m) });
    t.is(warnings.length, 1, warnings.join("\n"));
    t.regex(warnings[0]!, warning);
    t.regex(warnings[0]!, /moved it to step-00000023\.damaged and resumed from the previous checkpoint, step-00000020$/);
    t.deepEqual(rows(r), reference);
    t.deepEqual(entries(join(out, "checkpoints")), ["latest.json", "step-00000023.damaged", "step-00000045", "step-00000048"]);
  });
}

test.serial("every checkpoint damaged: --resume stops with a message listing them", async (t) => {
  const { program } = await ready;
  const out = await stoppedCopy("all-damaged");
  fs.truncateSync(newest(out, "models/net/weights.bin"), 0);
  fs.rmSync(join(out, "checkpoints", "step-00000020", "manifest.json"));
  const error = await t.throwsAsync(dl.run(program(), { ...base, outDir: out, resume: true }), { instanceOf: dl.RunFolderError });
  t.regex(
    error!.message,
    /checkpoints: no intact checkpoint to resume from \(step-00000023: models\/net\/weights\.bin has 0 bytes.*; step-00000020: no manifest\.json/,
  );
  t.false(fs.existsSync(join(out, "run.lock")), "the lock is released after a failed run");
});

/**
 * Makes `fs.writeSync` fail with a genuine ENOSPC-coded error (as libuv reports it) once
 * `budget` bytes have been written to files opened under `dir`; returns the function that undoes it.
 */
function fullDiskUnder(dir: string, budget: number): () => void {
  const cjs = createRequire(import.meta.url)("node:fs") as typeof fs;
  const { openSync, writeSync, closeSync, writeFileSync } = cjs;
  const enospc = (syscall: string, file?: string): Error =>
    Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}${file ? ` '${file}'` : ""}`), { errno: -28, code: "ENOSPC", syscall, path: file });
  const watched = new Set<number>();
  cjs.openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...a: unknown[]) => number)(file, ...rest);
    if (String(file).startsWith(dir)) watched.add(fd);
    return fd;
  }) as typeof fs.openSync;
  cjs.closeSync = ((fd: number) => (watched.delete(fd), closeSync(fd))) as typeof fs.closeSync;
  cjs.writeSync = ((fd: number, buffer: Uint8Array, offset?: number, length?: number, position?: number | null) => {
    const write = writeSync as (fd: number, b: Uint8Array, o?: number, l?: number, p?: number | null) => number;
    if (!watched.has(fd)) return write(fd, buffer, offset, length, position);
    if (budget <= 0) throw enospc("write");
    const from = offset ?? 0;
    const n = write(fd, buffer, from, Math.min(length ?? buffer.byteLength - from, budget), position);
    budget -= n;
    return n;
  }) as typeof fs.writeSync;
  // writeFileSync writes strings without fs.writeSync: a whole file either fits or fails.
  cjs.writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (typeof file === "string" && file.startsWith(dir)) {
      const n = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      if (n > budget) throw enospc("write", file);
      budget -= n;
    }
    return (writeFileSync as (...a: unknown[]) => void)(file, data, ...rest);
  }) as typeof fs.writeFileSync;
  syncBuiltinESMExports();
  return () => {
    Object.assign(cjs, { openSync, writeSync, closeSync, writeFileSync });
    syncBuiltinESMExports();
  };
}

test.serial("a full disk during a checkpoint (injected ENOSPC): a clear message, the previous checkpoint intact, resumable", async (t) => {
  const { program, reference } = await ready;
  const out = join(tmp, "enospc-injected");
  await dl.run(program(), { ...base, outDir: out, maxSteps: 10 });
  const restore = fullDiskUnder(join(out, "checkpoints"), 1000);
  let error: dl.RunFolderError | undefined;
  try {
    error = await t.throwsAsync(dl.run(program(), { ...base, outDir: out, resume: true }), { instanceOf: dl.RunFolderError });
  } finally {
    restore();
  }
  t.is(error!.code, "ENOSPC");
  t.regex(
    error!.message,
    /checkpoints: no space left on device \(ENOSPC\) while writing the checkpoint of step 15 \([^)]+\); the previous checkpoint \(step-00000010\) is intact; free some space, then continue with --resume$/,
  );
  t.deepEqual(entries(join(out, "checkpoints")), ["latest.json", "step-00000005", "step-00000010"], "no temporary folder left behind");
  t.is(dl.checkpoint.verifyCheckpoint(join(out, "checkpoints", "step-00000010")), null);
  t.deepEqual(rows(await dl.run(program(), { ...base, outDir: out, resume: true })), reference);
});

test.serial("a full disk while writing the history (injected ENOSPC): a message naming history.jsonl, resumable", async (t) => {
  const { program, reference } = await ready;
  const out = join(tmp, "enospc-history");
  await dl.run(program(), { ...base, outDir: out, maxSteps: 10 });
  const before = fs.existsSync(join(out, "history.jsonl")) ? fs.readFileSync(join(out, "history.jsonl"), "utf8") : undefined;
  const restore = fullDiskUnder(join(out, "history.jsonl"), 0);
  let error: dl.RunFolderError | undefined;
  try {
    error = await t.throwsAsync(dl.run(program(), { ...base, outDir: out, resume: true }), { instanceOf: dl.RunFolderError });
  } finally {
    restore();
  }
  t.is(
    error!.message,
    `${join(out, "history.jsonl")}: no space left on device (ENOSPC) while writing the epoch's history and plot; the last checkpoint is intact: free some space, then continue with --resume`,
  );
  const after = fs.existsSync(join(out, "history.jsonl")) ? fs.readFileSync(join(out, "history.jsonl"), "utf8") : undefined;
  t.is(after, before, "the history file is the old one, not a torn one");
  t.deepEqual(
    entries(out).filter((f) => f.includes(".tmp")),
    [],
  );
  t.deepEqual(rows(await dl.run(program(), { ...base, outDir: out, resume: true })), reference);
});

/** How this machine lets a test mount a small tmpfs: in a private mount namespace, as root or not. */
function mountNamespace(): string[] | null {
  for (const args of [["-m"], ["-rm"]]) {
    if (spawnSync("unshare", [...args, "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"', tmp]).status === 0) {
      return args;
    }
  }
  return null;
}
const unshare = process.platform === "linux" ? mountNamespace() : null;
if (!unshare)
  console.log("faults-folder: skipping the real full-disk test: it needs `unshare` (util-linux) and permission to mount a tmpfs in a mount namespace");

(unshare ? test.serial : test.skip)(
  "a full disk during a checkpoint (a real 256 KiB tmpfs): a clear message, the previous checkpoint intact, resumable",
  async (t) => {
    const { program, reference } = await ready;
    const [cwd, file] = workFolder(tmp, "tmpfs");
    const disk = join(cwd, "disk");
    fs.mkdirSync(disk);
    const dlRun = `"${process.execPath}" "${join(repoRoot, "cli/dl.mjs")}" run "${file}" --out "$DISK/run" --backend wasm`;
    // Inside the namespace: train to step 10 (checkpoints 5 and 10), fill the disk but 12 KiB, resume
    // (the checkpoint of step 15 cannot be written), then copy what the folder holds out of the tmpfs.
    const script = `set -e
mount -t tmpfs -o size=256k tmpfs "$DISK"
${dlRun} --max-steps 10 > "$LOG/first.out" 2>&1
avail=$(df -k --output=avail "$DISK" | tail -1)
dd if=/dev/zero of="$DISK/fill" bs=1k count=$((avail - 12)) 2>/dev/null || true
set +e
${dlRun} --resume > "$LOG/second.out" 2> "$LOG/second.err"
echo $? > "$LOG/second.code"
df -k --output=avail "$DISK" | tail -1 > "$LOG/avail"
cp -a "$DISK/run" "$LOG/after"`;
    const r = spawnSync("unshare", [...unshare!, "sh", "-c", script], { env: { ...process.env, DISK: disk, LOG: cwd }, encoding: "utf8" });
    t.is(r.status, 0, r.stderr + fs.readFileSync(join(cwd, "first.out"), "utf8"));
    const stderr = fs.readFileSync(join(cwd, "second.err"), "utf8");
    t.log(`second run, with ${fs.readFileSync(join(cwd, "avail"), "utf8").trim()} KiB left after it: ${stderr.trim()}`);
    t.is(fs.readFileSync(join(cwd, "second.code"), "utf8").trim(), "1");
    t.regex(
      stderr,
      /^error: \S+\/checkpoints: no space left on device \(ENOSPC\) while writing the checkpoint of step 15 \([^)]+\); the previous checkpoint \(step-00000010\) is intact; free some space, then continue with --resume\n$/,
    );
    const after = join(cwd, "after");
    t.deepEqual(entries(join(after, "checkpoints")), ["latest.json", "step-00000005", "step-00000010"]);
    t.deepEqual(JSON.parse(fs.readFileSync(join(after, "checkpoints", "latest.json"), "utf8")), { checkpoint: "step-00000010" });
    t.is(dl.checkpoint.verifyCheckpoint(join(after, "checkpoints", "step-00000010")), null);
    fs.rmSync(join(after, "run.lock"), { force: true }); // taken in the namespace by a process now gone
    t.deepEqual(rows(await dl.run(program(), { ...base, outDir: after, resume: true })), reference);
  },
);

/** The id of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid!;
const writeLock = (out: string, info: object): void => {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(dl.checkpoint.lockFile(out), JSON.stringify(info));
};

test.serial("run locks: a dead holder's lock is taken over with a note; a live, foreign or fresh unreadable one refuses the run", async (t) => {
  const { program } = await ready;
  const stale = join(tmp, "lock-stale");
  const pid = deadPid();
  writeLock(stale, { pid, host: os.hostname(), started: "2026-01-01T00:00:00.000Z" });
  const notes: string[] = [];
  await dl.run(program(), { ...base, outDir: stale, maxSteps: 2, warn: (m) => notes.push(m) });
  t.deepEqual(notes, [`${stale}: took over a stale lock of pid ${pid} (its process is gone; started 2026-01-01T00:00:00.000Z)`]);
  t.false(fs.existsSync(dl.checkpoint.lockFile(stale)));

  if (fs.existsSync("/proc/self/stat")) {
    // A live pid whose start time differs from the lock's: the pid was reused after the holder died.
    const reused = join(tmp, "lock-reused-pid");
    writeLock(reused, { pid: process.pid, host: os.hostname(), started: "2026-01-01T00:00:00.000Z", ticks: 1 });
    notes.length = 0;
    await dl.run(program(), { ...base, outDir: reused, maxSteps: 2, warn: (m) => notes.push(m) });
    t.deepEqual(notes, [`${reused}: took over a stale lock of pid ${process.pid} (its process is gone; started 2026-01-01T00:00:00.000Z)`]);
  }

  const oldGarbage = join(tmp, "lock-old-garbage");
  writeLock(oldGarbage, {});
  fs.writeFileSync(dl.checkpoint.lockFile(oldGarbage), '{"pi');
  fs.utimesSync(dl.checkpoint.lockFile(oldGarbage), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  notes.length = 0;
  await dl.run(program(), { ...base, outDir: oldGarbage, maxSteps: 2, warn: (m) => notes.push(m) });
  t.deepEqual(notes, [`${oldGarbage}: took over an unreadable lock`]);

  const refused: [string, object | string, RegExp][] = [
    [
      "lock-live",
      { pid: process.pid, host: os.hostname(), started: "x" },
      new RegExp(`in use by dl run \\(pid ${process.pid} on ${os.hostname()}, since x\\)`),
    ],
    ["lock-foreign", { pid, host: "another-machine", started: "x" }, new RegExp(`in use by dl run \\(pid ${pid} on another-machine, since x\\)`)],
    ["lock-fresh-garbage", "", /in use by another run \(its lock is being written or unreadable\)/],
  ];
  for (const [name, info, message] of refused) {
    const out = join(tmp, name);
    writeLock(out, {});
    fs.writeFileSync(dl.checkpoint.lockFile(out), typeof info === "string" ? info : JSON.stringify(info));
    const error = await t.throwsAsync(dl.run(program(), { ...base, outDir: out, maxSteps: 2 }), { instanceOf: dl.RunFolderError }, name);
    t.regex(error!.message, message, name);
    t.regex(error!.message, /two runs must not write the same folder/, name);
    t.true(fs.existsSync(dl.checkpoint.lockFile(out)), `${name}: the other run's lock is left alone`);
    t.false(fs.existsSync(join(out, "history.jsonl")), name);
  }
});

test.serial("a run folder that cannot be created stops the run with a message", async (t) => {
  const { program } = await ready;
  const file = join(tmp, "a-file");
  fs.writeFileSync(file, "");
  const error = await t.throwsAsync(dl.run(program(), { ...base, outDir: join(file, "run"), maxSteps: 1 }), { instanceOf: dl.RunFolderError });
  t.regex(error!.message, /a-file\/run: cannot create the run folder: ENOTDIR: not a directory, mkdir '.*a-file\/run'$/);
  if (fs.existsSync("/proc/self")) {
    // Node's recursive mkdir never returns on such a path; the lock's own walk does.
    await t.throwsAsync(dl.run(program(), { ...base, outDir: "/proc/no-such-folder/run", maxSteps: 1 }), {
      instanceOf: dl.RunFolderError,
      message: /cannot create the run folder/,
    });
  }
});

test.serial("two runs started together in one process on one folder: the second is refused", async (t) => {
  const { program } = await ready;
  const out = join(tmp, "lock-twice");
  const [a, b] = await Promise.allSettled([dl.run(program(), { ...base, outDir: out }), dl.run(program(), { ...base, outDir: out })]);
  t.is(a.status, "fulfilled");
  t.is(b.status, "rejected");
  t.regex(String((b as PromiseRejectedResult).reason), /this run folder is in use by dl run \(pid \d+/);
});
