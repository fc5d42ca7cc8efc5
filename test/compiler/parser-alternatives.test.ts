/**
 * The parser caches each OR's alternatives in a numbered slot (grammar/parser.ts); two ORs sharing
 * a slot silently parse one rule with the other's alternatives. Each slot is used once.
 */
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./golden.js";

test("every cached alternatives slot of the parser belongs to one OR", (t) => {
  const text = readFileSync(join(repoRoot, "grammar/parser.ts"), "utf8");
  const slots = [...text.matchAll(/this\.alternatives\[(\d+)\]/g)].map((m) => Number(m[1]));
  const twice = slots.filter((s, i) => slots.indexOf(s) !== i);
  t.deepEqual(twice, [], `slots used more than once: ${twice.join(", ")}; use ${Math.max(...slots) + 1}`);
  t.true(slots.length > 10);
});
