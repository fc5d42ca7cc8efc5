/** Data sources and operations by DL name. */
import { blobs, fashionMnist, mnist, moons } from "./sources.js";
import type { DataSourceEntry } from "./types.js";

export { dataOps } from "./ops.js";
export const dataSources: ReadonlyMap<string, DataSourceEntry> = new Map([mnist, fashionMnist, blobs, moons].map((e) => [e.name, e]));
