/** `dl.DataError`: bad input data, always naming the file and the shape that was expected. */

/** Thrown when a data file is missing, malformed or of the wrong shape. */
export class DataError extends Error {
  /**
   * @param file the offending file (or folder).
   * @param expected what was expected, e.g. "uint8 IDX images [N, 28, 28]".
   * @param found what was found instead.
   */
  constructor(readonly file: string, readonly expected: string, found: string) {
    super(`${file}: expected ${expected}, found ${found}`);
    this.name = "DataError";
  }
}
