/** `dl.TrainingError`: a loss became NaN or infinite; names the `.dl` line that defines it. */
import type { SourceLocation } from "./types.js";

/** Thrown by the engine when a recorded loss is not finite. */
export class TrainingError extends Error {
  constructor(
    readonly source: string,
    readonly loc: SourceLocation,
    readonly lossName: string,
    readonly value: number,
    readonly steps: [number, number],
  ) {
    const when = steps[0] === steps[1] ? `at step ${steps[1]}` : `between steps ${steps[0]} and ${steps[1]}`;
    super(
      `${source}:${loc.line}:${loc.column}: loss "${lossName}" became ${value} ${when}; ` +
        `lower the learning rate, clip gradients (clipNorm) or check the loss for log(0) or division by zero`,
    );
    this.name = "TrainingError";
  }
}
