/** Number and duration formatting shared by the progress bar and the epoch lines. */

/** "0.1234" for ordinary values, exponent notation for tiny or huge ones. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
}

/** "1:05" / "1:02:03" for an ETA or elapsed time in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** " - loss: 0.1234 - accuracy: 0.9812" (Keras style). */
export function formatMetrics(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` - ${k}: ${formatValue(v)}`)
    .join("");
}
