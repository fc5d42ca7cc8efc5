/** `dl.RunFolderError`: a run folder cannot be used (locked by another run, disk full, damaged). */

/** Thrown when the run folder refuses a write or holds no usable checkpoint; names the path. */
export class RunFolderError extends Error {
  /**
   * @param file the folder or file concerned (first in the message).
   * @param problem what went wrong and what to do about it.
   * @param code the system error code behind it (`ENOSPC`, `EACCES`, ...), if any.
   */
  constructor(
    readonly file: string,
    problem: string,
    readonly code?: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "RunFolderError";
  }
}

/** Plain words for the file-system errors a run folder meets. */
const reasons: Record<string, string> = {
  ENOSPC: "no space left on device (ENOSPC)",
  EDQUOT: "disk quota exceeded (EDQUOT)",
  EROFS: "read-only file system (EROFS)",
  EACCES: "permission denied (EACCES)",
  EPERM: "operation not permitted (EPERM)",
  EIO: "input/output error (EIO)",
};

/** The system error code of a file-system failure, or undefined for other errors. */
export function systemCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** "no space left on device (ENOSPC)" for a file-system error; its message otherwise. */
export function describeSystemError(err: unknown): string {
  const code = systemCode(err);
  if (code && reasons[code]) return reasons[code];
  const message = String((err as Error)?.message ?? err);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** What to do after a write failed with `code`, ending in "continue with --resume". */
export function resumeAdvice(code: string | undefined): string {
  return code === "ENOSPC" || code === "EDQUOT" ? "free some space, then continue with --resume" : "fix that, then continue with --resume";
}
