/**
 * Compile-speed benchmark: checks and emits every `.dl` file under examples/ and stdlib/ and
 * prints the time of each phase and lines per second. Two rounds, each with a fresh pipeline: the
 * first pays for loading (JIT warm-up), the second is the steady state an editor or a
 * watch mode sees.
 *
 *   npm run bench:compile
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";

const root = resolve(fileURLToPath(import.meta.url), "../..");

/** Every `.dl` file below `dir`, sorted (the `**\/*.dl` glob). */
function dlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...dlFiles(path));
    else if (entry.name.endsWith(".dl")) out.push(path);
  }
  return out.sort();
}

const files = [...dlFiles(join(root, "examples")), ...dlFiles(join(root, "stdlib"))];
const lines = files.reduce((n, f) => n + readFileSync(f, "utf8").split("\n").length, 0);

interface Round {
  check: number;
  emit: number;
  errors: string[];
}

async function round(): Promise<Round> {
  const pipeline = new DocumentPipeline();
  const errors: string[] = [];
  const t0 = performance.now();
  for (const f of files) pipeline.checked(f);
  const t1 = performance.now();
  for (const f of files) {
    const e = await pipeline.emitted(f);
    if (e.diagnostics.some((d) => d.severity === "error")) errors.push(relative(root, f));
  }
  return { check: t1 - t0, emit: performance.now() - t1, errors };
}

const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
const rate = (v: number) => `${Math.round(lines / (v / 1000)).toLocaleString("en-US")} lines/s`;

console.log(`${files.length} files, ${lines.toLocaleString("en-US")} lines (examples/**/*.dl, stdlib/**/*.dl)`);
for (const [name, r] of [["cold", await round()], ["warm", await round()]] as const) {
  const total = r.check + r.emit;
  console.log(`${name}: check ${ms(r.check)}  emit ${ms(r.emit)}  total ${ms(total)}  ${rate(total)} (check alone ${rate(r.check)})`);
  if (r.errors.length) console.log(`  with errors, so not emitted: ${r.errors.join(", ")}`);
}
