/**
 * The nightly-style fuzz run: `npx tsx scripts/fuzz.ts [--cases 100000] [--seed 1] [--hang-ms 20000]
 * [--out .cache/fuzz]`. Cases come from test/compiler/fuzz-cases.ts (mutations of every stdlib and
 * example file, deep nesting, huge literals, random Unicode) and run in a worker thread; a case that
 * takes longer than --hang-ms is a hang: the worker is ended and a new one goes on from the next
 * case. Each crash (DL9001 or a throw) and hang is written to --out as a .dl file to turn into an
 * error baseline. Prints cases, crashes, hangs and the distinct crash messages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { fuzzCase, fuzzChecker, loadSeeds, repoRoot } from "../test/compiler/fuzz-cases.js";

interface Job {
  seed: number;
  from: number;
  to: number;
}

if (!isMainThread) {
  const { seed, from, to } = workerData as Job;
  const seeds = loadSeeds();
  const check = fuzzChecker();
  for (let i = from; i < to; i++) {
    const c = fuzzCase(seeds, seed, i);
    parentPort!.postMessage({ start: i });
    const crash = check(c);
    parentPort!.postMessage({ done: i, crash, kind: c.kind });
  }
} else {
  const flag = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const cases = flag("--cases", 100_000);
  const seed = flag("--seed", 1);
  const hangMs = flag("--hang-ms", 20_000);
  const outAt = process.argv.indexOf("--out");
  const out = outAt >= 0 ? process.argv[outAt + 1]! : join(repoRoot, ".cache", "fuzz");
  mkdirSync(out, { recursive: true });
  const seeds = loadSeeds();
  const started = Date.now();
  let done = 0;
  let crashes = 0;
  let hangs = 0;
  const messages = new Map<string, number>();
  const byKind = new Map<string, number>();
  const save = (what: string, i: number) => writeFileSync(join(out, `${what}-${seed}-${i}.dl`), fuzzCase(seeds, seed, i).text);

  const runFrom = (from: number): Promise<number> =>
    new Promise((resolve) => {
      const worker = new Worker(new URL("./fuzz-worker.mjs", import.meta.url), { workerData: { seed, from, to: cases } satisfies Job });
      let loaded = false;
      let current = from;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          hangs++;
          save("hang", current);
          console.log(`hang: case ${current} (over ${hangMs} ms)`);
          void worker.terminate().then(() => resolve(current + 1));
        }, hangMs);
      };
      worker.on("message", (m: { start?: number; done?: number; crash?: string; kind?: string }) => {
        if (m.start !== undefined) {
          loaded = true;
          current = m.start;
          arm();
          return;
        }
        done++;
        byKind.set(m.kind!, (byKind.get(m.kind!) ?? 0) + 1);
        if (m.crash) {
          crashes++;
          save("crash", m.done!);
          const key = m.crash.replace(/\\(.*?\\)/g, "").slice(0, 160);
          if (!messages.has(key)) console.log(`crash: case ${m.done}: ${m.crash.slice(0, 300)}`);
          messages.set(key, (messages.get(key) ?? 0) + 1);
        }
        if (done % 5000 === 0) console.log(`${done} cases, ${crashes} crashes, ${hangs} hangs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      });
      worker.on("error", (err) => {
        if (!loaded) throw err; // the worker could not load: not a fuzz finding
        crashes++;
        save("crash", current);
        console.log(`worker error at case ${current}: ${String(err).slice(0, 300)}`);
        clearTimeout(timer);
        resolve(current + 1);
      });
      worker.on("exit", () => {
        clearTimeout(timer);
        resolve(cases);
      });
    });

  const report = () => {
    const seconds = (Date.now() - started) / 1000;
    console.log(`\nfuzz seed ${seed}: ${done} cases (${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}) in ${seconds.toFixed(0)} s, ${crashes} crashes, ${hangs} hangs`);
    for (const [m, n] of messages) console.log(`  ${n}× ${m}`);
    if (crashes || hangs) console.log(`inputs written to ${out}`);
  };
  // Stopped early (Ctrl-C, a time limit): the figures so far.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      report();
      process.exit(crashes || hangs ? 1 : 2);
    });
  }
  let next = 0;
  while (next < cases) next = await runFrom(next);
  report();
  process.exitCode = crashes || hangs ? 1 : 0;
}
