/**
 * CSV text to records (RFC 4180): cells separated by a delimiter, records by LF or CRLF; a cell
 * in double quotes may hold delimiters, line breaks and `""` (one quote). A leading UTF-8 byte
 * order mark is dropped; blank lines are skipped; unquoted cells are trimmed.
 */

/** One record: its cells and the (1-based) line it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Parses `text`; an unterminated quoted cell is reported as `{error, line}`. */
export function parseCsv(text: string, delimiter = ","): { records: CsvRecord[] } | { error: string; line: number } {
  const records: CsvRecord[] = [];
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i <= s.length) {
    const start = line;
    const cells: string[] = [];
    let quotedRecord = false;
    for (;;) {
      let cell = "";
      let k = i;
      while (s[k] === " " || s[k] === "\t") k++;
      if (s[k] === '"') {
        i = k + 1;
        quotedRecord = true;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0) return { error: "a closing quote for the cell opened here", line: start };
          const chunk = s.slice(i, q);
          line += chunk.split("\n").length - 1;
          cell += chunk;
          if (s[q + 1] === '"') {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter (spaces) is dropped.
        while (i < s.length && s[i] !== delimiter && s[i] !== "\n" && s[i] !== "\r") i++;
      } else {
        let j = i;
        while (j < s.length && s[j] !== delimiter && s[j] !== "\n" && !(s[j] === "\r" && s[j + 1] === "\n")) j++;
        cell = s.slice(i, j).trim();
        i = j;
      }
      cells.push(cell);
      if (s[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === "\r") i++;
    i++; // the "\n" (or the end)
    if (quotedRecord || cells.length > 1 || cells[0] !== "") records.push({ cells, line: start });
    line++;
  }
  return { records };
}
