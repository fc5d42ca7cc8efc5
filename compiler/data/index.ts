/** Data sources and operations by DL name. */
import { dataOps as plainOps } from "./ops.js";
import { rlOps, rlSources } from "./rl.js";
import { blobs, fashionMnist, mnist, moons } from "./sources.js";
import type { DataOpEntry, DataSourceEntry } from "./types.js";

export const dataSources: ReadonlyMap<string, DataSourceEntry> = new Map([mnist, fashionMnist, blobs, moons, ...rlSources].map((e) => [e.name, e]));
export const dataOps: ReadonlyMap<string, DataOpEntry> = new Map([...plainOps, ...rlOps.map((e): [string, DataOpEntry] => [e.name, e])]);
import { rlGenerativeOps, rlGenerativeSources } from "./rl-generative.js"; for (const e of rlGenerativeSources) (dataSources as Map<string, DataSourceEntry>).set(e.name, e); for (const e of rlGenerativeOps) (dataOps as Map<string, DataOpEntry>).set(e.name, e);
