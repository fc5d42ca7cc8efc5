/**
 * The CI slice of the fuzz run (scripts/fuzz.ts runs 100,000 cases): a fixed seed, a few hundred
 * cases from test/compiler/fuzz-cases.ts, i.e. token-level mutations of every stdlib and example
 * file, deep nesting to 10,000 levels, huge literals and random Unicode. None may end in an
 * internal error (DL9001) or a throw. FUZZ_SEED and FUZZ_CASES explore further.
 */
import test from "ava";
import { fuzzCase, fuzzChecker, loadSeeds } from "./fuzz-cases.js";

const seed = Number(process.env.FUZZ_SEED ?? 20261202);
const cases = Number(process.env.FUZZ_CASES ?? 400);

test(`fuzz slice: ${cases} cases of seed ${seed} check without internal errors`, (t) => {
  const seeds = loadSeeds();
  t.true(seeds.length > 30, `only ${seeds.length} seed files`);
  const check = fuzzChecker();
  const kinds = new Set<string>();
  for (let i = 0; i < cases; i++) {
    const c = fuzzCase(seeds, seed, i);
    kinds.add(c.kind);
    const crash = check(c);
    if (crash) return t.fail(`case ${i} (${c.kind}, from ${c.seedFile}): ${crash}\n--- input\n${c.text.slice(0, 4000)}`);
  }
  t.deepEqual([...kinds].sort(), ["deep", "literal", "mutate", "unicode"]);
});
