/**
 * The entry of the shipped `dl` command (build/cli/dl.mjs, made by scripts/build.mjs). It is plain
 * JavaScript after the build: nothing is compiled at run time and nothing is read from the working
 * directory to decide how dl's own code loads.
 */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
