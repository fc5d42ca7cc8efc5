/**
 * A self-contained HTML page with one inline SVG chart per metric (losses and evaluation
 * metrics against epochs): no scripts, no network, opens in any browser.
 */
import * as path from "node:path";
import { writeFileAtomic } from "../data/cache.js";
import type { HistoryRow } from "./history.js";

const W = 420;
const H = 240;
const PAD = 40;

/** Writes `<outDir>/plot.html` and returns its path. */
export function writePlot(outDir: string, title: string, rows: readonly HistoryRow[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !["epoch", "step", "seconds"].includes(k));
  const charts = keys.map((k) => chart(k, rows.map((r) => [r.epoch, r[k]] as [number, number | undefined])));
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px sans-serif;margin:16px}svg{margin:8px;border:1px solid #ddd}</style></head>
<body><h1>${esc(title)}</h1>${charts.join("\n")}</body></html>\n`;
  const file = path.join(outDir, "plot.html");
  writeFileAtomic(file, html);
  return file;
}

function chart(name: string, raw: [number, number | undefined][]): string {
  const pts = raw.filter((p): p is [number, number] => p[1] !== undefined && Number.isFinite(p[1]));
  if (pts.length === 0) return "";
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const sx = (x: number): number => PAD + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (y: number): number => H - PAD - ((y - y0) / (y1 - y0)) * (H - 2 * PAD);
  const line = pts.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" ");
  const dots = pts.map((p) => `<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3" fill="#1f77b4"><title>epoch ${p[0]}: ${p[1]}</title></circle>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(name)}</text>
<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${H - PAD}" stroke="#888"/>
<text x="${PAD - 4}" y="${PAD + 4}" text-anchor="end" font-size="10">${y1.toPrecision(3)}</text>
<text x="${PAD - 4}" y="${H - PAD}" text-anchor="end" font-size="10">${y0.toPrecision(3)}</text>
<text x="${W / 2}" y="${H - 10}" text-anchor="middle" font-size="11">epoch</text>
<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line}"/>${dots}</svg>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
