/** The data cache folder and atomic file writes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (two levels above runtime/data/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `$DL_CACHE`, else `<package root>/.cache`. */
export function cacheDir(...parts: string[]): string {
  return path.join(process.env.DL_CACHE ?? path.join(packageRoot, ".cache"), ...parts);
}

/** Writes a file so readers see the old content or the new, never a torn one (temp, then rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
