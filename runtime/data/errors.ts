/** `dl.DataError`: bad input data, always naming the file and the shape that was expected. */
import * as fs from "node:fs";

/** Thrown when a data file is missing, malformed or of the wrong shape. */
export class DataError extends Error {
  /**
   * @param file the offending file (or folder), with `:line` where one line is at fault.
   * @param expected what was expected, e.g. "uint8 IDX images [N, 28, 28]".
   * @param found what was found instead.
   */
  constructor(
    readonly file: string,
    readonly expected: string,
    found: string,
  ) {
    super(`${file}: expected ${expected}, found ${found}`);
    this.name = "DataError";
  }
}

/** Plain words for why a data file cannot be read. */
function unreadable(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "a folder";
  if (code === "EACCES" || code === "EPERM") return `a file that cannot be read (permission denied, ${code})`;
  return `a file that cannot be read (${(err as Error).message})`;
}

/** Reads a whole data file; a missing, unreadable or non-regular file is a `DataError`. */
export function readDataFile(file: string, expected: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw new DataError(file, expected, unreadable(err));
  }
  if (stat.isDirectory()) throw new DataError(file, expected, "a folder");
  if (!stat.isFile()) throw new DataError(file, expected, "something that is not a regular file (a device, FIFO or socket)");
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new DataError(file, expected, unreadable(err));
  }
}
