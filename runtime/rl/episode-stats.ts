/**
 * Episode statistics of an epoch of experience collection, reported in the history and the
 * progress line beside the losses (`train_episode_length`, `train_episode_score`, `epsilon`).
 */

/** Collects finished episodes until `take()`. */
export class EpisodeStats {
  private lengths = 0;
  private scores = 0;
  private count = 0;

  add(length: number, score: number): void {
    this.lengths += length;
    this.scores += score;
    this.count++;
  }

  /** Means since the last call, and resets; empty when no episode ended. */
  take(extra: Record<string, number> = {}): Record<string, number> {
    const out: Record<string, number> = this.count ? { train_episodes: this.count, train_episode_length: this.lengths / this.count, train_episode_score: this.scores / this.count, ...extra } : { ...extra };
    this.lengths = this.scores = this.count = 0;
    return out;
  }
}

/** A data set the engine may ask for per-epoch statistics (experience collectors). */
export interface ReportsEpochStats {
  epochStats(): Record<string, number>;
}

/** The statistics of `data` if it collects experience, else nothing. */
export function epochStats(data: unknown): Record<string, number> {
  const d = data as Partial<ReportsEpochStats> | undefined;
  return typeof d?.epochStats === "function" ? d.epochStats() : {};
}
