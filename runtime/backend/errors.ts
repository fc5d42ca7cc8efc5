/** First line of an error's message (a native loader's error can run to pages), for reports. */
export function firstLine(err: unknown, max = 300): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text;
  return line.length > max ? line.slice(0, max) + "…" : line;
}
