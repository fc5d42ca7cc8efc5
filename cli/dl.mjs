#!/usr/bin/env node
// The `dl` command from source, for working inside this repository: tsx compiles the TypeScript
// on load, configured by this repository's tsconfig.json only (never the working directory's).
// The shipped command is the build (build/cli/dl.mjs, made by `npm run build`); see README.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
