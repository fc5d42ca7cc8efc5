/**
 * The run folder's lock, `<outDir>/run.lock` (`{pid, host, started}`), so two runs never write
 * the same folder at once. It is created exclusively (O_EXCL); a lock left by a process that no
 * longer exists (a run killed with kill -9) is taken over with a note, a live one refuses the run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeFolder } from "./durable.js";
import { RunFolderError, describeSystemError, systemCode } from "./errors.js";

/** What a lock file holds. */
interface LockInfo {
  pid: number;
  host: string;
  started: string;
  /** Linux: the process's start time in clock ticks after boot, so a reused pid is not taken for the holder. */
  ticks?: number;
}

/** The lock file of a run folder. */
export const lockFile = (outDir: string): string => path.join(outDir, "run.lock");

/**
 * Takes the lock of `outDir` (creating the folder); returns the function that releases it.
 * Throws `RunFolderError` when another live process holds it. `note` hears of stale locks.
 */
export function acquireRunLock(outDir: string, note: (message: string) => void): () => void {
  const file = lockFile(outDir);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), ticks: startTicks(process.pid) };
  try {
    makeFolder(outDir);
  } catch (err) {
    throw new RunFolderError(outDir, `cannot create the run folder: ${describeSystemError(err)}`, systemCode(err));
  }
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine) + "\n", { flag: "wx" });
      break;
    } catch (err) {
      if (systemCode(err) !== "EEXIST") throw new RunFolderError(file, `cannot create the run lock: ${describeSystemError(err)}`, systemCode(err));
    }
    const holder = readLock(file);
    if (holder === "gone") continue; // released meanwhile
    if (attempt > 0 || !isStale(file, holder, mine.host)) {
      const who =
        holder === "unreadable"
          ? "another run (its lock is being written or unreadable)"
          : `dl run (pid ${holder.pid} on ${holder.host}, since ${holder.started})`;
      throw new RunFolderError(
        outDir,
        `this run folder is in use by ${who}; two runs must not write the same folder: wait for it to end, choose another folder with --out, or delete ${file} if that process is gone`,
      );
    }
    // The holder is dead (or wrote half a lock and died): take over. The takeover removes only
    // the lock it inspected, then competes again for the exclusive create.
    const what = holder === "unreadable" ? "an unreadable lock" : `a stale lock of pid ${holder.pid} (its process is gone; started ${holder.started})`;
    if (!removeIfUnchanged(file, holder)) continue;
    note(`${outDir}: took over ${what}`);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = readLock(file);
    if (now !== "gone" && now !== "unreadable" && now.pid === mine.pid && now.started === mine.started) fs.rmSync(file, { force: true });
  };
}

function readLock(file: string): LockInfo | "gone" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return systemCode(err) === "ENOENT" ? "gone" : "unreadable";
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return Number.isInteger(info.pid) && info.pid > 0 ? info : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Removes the lock file if it still holds what was read (another process may have taken over). */
function removeIfUnchanged(file: string, seen: LockInfo | "unreadable"): boolean {
  const now = readLock(file);
  if (now === "gone") return false;
  if (seen !== "unreadable" && (now === "unreadable" || now.pid !== seen.pid || now.started !== seen.started)) return false;
  fs.rmSync(file, { force: true });
  return true;
}

/** A lock is stale when its process is gone; an unreadable one when it is older than a writer needs. */
function isStale(file: string, holder: LockInfo | "unreadable", host: string): boolean {
  if (holder !== "unreadable") return holder.host === host && (!isAlive(holder.pid) || (holder.ticks !== undefined && startTicks(holder.pid) !== holder.ticks));
  try {
    return Date.now() - fs.statSync(file).mtimeMs > 10_000;
  } catch {
    return false;
  }
}

/** Field 22 of /proc/<pid>/stat (start time after boot); undefined where there is no /proc. */
function startTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists on this machine (EPERM: it exists, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return systemCode(err) === "EPERM";
  }
}
