/**
 * Durable file writes for the run folder: data is flushed to the disk (fsync) before a file is
 * renamed into place, and the folder holding a rename is flushed after it, so a crash or power
 * loss leaves the old version or the new one, never a torn file.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Writes `data` to `file` (created or truncated) and fsyncs it before returning. */
export function writeDurable(file: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const fd = fs.openSync(file, "w");
  try {
    for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (after a rename into it); a no-op where folders cannot be opened. */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` atomically and durably: a temporary sibling is written, fsynced and renamed. */
export function replaceDurable(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeDurable(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(path.dirname(file));
}

/**
 * Creates `dir` and its missing parents. Node's `mkdirSync(dir, {recursive: true})` never returns
 * for some paths it cannot create (under /proc); this walks up one level at a time instead.
 */
export function makeFolder(dir: string): void {
  try {
    fs.mkdirSync(dir);
    return;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "EEXIST" && fs.statSync(dir).isDirectory()) return;
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw err;
    makeFolder(parent);
  }
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    if ((err as { code?: string }).code !== "EEXIST" || !fs.statSync(dir).isDirectory()) throw err;
  }
}
