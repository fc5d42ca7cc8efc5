#!/usr/bin/env node
// The `dl` command. The sources are TypeScript; tsx compiles them on load, so the package needs
// no build step and `dl run` can import the TypeScript it generates.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
