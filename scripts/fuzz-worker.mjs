// The fuzz run's worker thread (scripts/fuzz.ts): registers tsx in this thread, then runs the cases.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("./fuzz.ts");
