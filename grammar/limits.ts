/**
 * The documented limits of DL, in one place. Input beyond them gets a diagnostic naming the limit
 * at the place it was reached, never a stack overflow, a hang or an exhausted memory. README's
 * "Limits" section lists them; the tests in test/compiler/limits.test.ts hold them.
 */
export const limits = {
  /** Brackets ( [ { and `else if` links open at once: the parser recurses per level. */
  nesting: 32,
  /** Depth of one expression: open levels plus the operators chained at each (`a + a + ...`). */
  expressionDepth: 512,
  /** The largest integer literal: 2^53 - 1, the largest integer a double holds exactly. */
  integer: Number.MAX_SAFE_INTEGER,
  /** Iterations of one `repeat(n) { ... }` pipeline stage, which the checker unrolls. */
  repeatCount: 10_000,
  /** Stacked layers of one recurrent layer (`lstm(..., layers=n)`). */
  layerCount: 1_000,
  /** A size, count or other integer argument of a layer (2^31 - 1: TensorFlow.js's int32). */
  size: 2 ** 31 - 1,
  /** Pipeline stages the checker applies in one document, repeats unrolled, imports' models included. */
  checkWork: 50_000,
  /** Bytes of one source file or import. */
  fileBytes: 4 * 1024 * 1024,
} as const;
