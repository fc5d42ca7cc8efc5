/** Data sources and operations by DL name: one table each, built from the entry files. */
import { dataOps as plainOps } from "./ops.js";
import { rlOps, rlSources } from "./rl.js";
import { rlGenerativeOps, rlGenerativeSources } from "./rl-generative.js";
import { blobs, csvFile, fashionMnist, idxFiles, imageFolder, logicGate, mnist, moons, tokenSequences } from "./sources.js";
import type { DataOpEntry, DataSourceEntry } from "./types.js";

export const dataSources: ReadonlyMap<string, DataSourceEntry> = new Map(
  [mnist, fashionMnist, idxFiles, csvFile, imageFolder, blobs, moons, logicGate, tokenSequences, ...rlSources, ...rlGenerativeSources].map((e) => [e.name, e]),
);
export const dataOps: ReadonlyMap<string, DataOpEntry> = new Map([
  ...plainOps,
  ...[...rlOps, ...rlGenerativeOps].map((e): [string, DataOpEntry] => [e.name, e]),
]);
