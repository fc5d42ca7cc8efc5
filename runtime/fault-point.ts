/**
 * Crash-test hook. With `DL_FAULT_KILL=<point>:<n>` in the environment, the process sends itself
 * SIGKILL (kill -9: no cleanup, no buffered writes) the n-th time it reaches `<point>`, so tests can
 * crash a training run at an exact moment: `step` (after an optimizer step), `evaluate` (after an
 * evaluation batch), `checkpoint-file` (after each file of a checkpoint, before its manifest),
 * `checkpoint-manifest` (manifest written, folder not yet renamed), `checkpoint-rename` (renamed,
 * `latest.json` not yet replaced), `history` (history written, epoch checkpoint not yet taken).
 * Without the variable, `faultPoint` does nothing.
 */

const spec = /^([a-z-]+):(\d+)$/.exec(process.env.DL_FAULT_KILL ?? "");
let reached = 0;

/** Marks a moment at which a crash test may kill the process (see the module comment). */
export function faultPoint(point: string): void {
  if (spec && spec[1] === point && ++reached === Number(spec[2])) process.kill(process.pid, "SIGKILL");
}
