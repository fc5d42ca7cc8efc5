/**
 * The language server's process entry: `--stdio` or `--node-ipc` (read by vscode-languageserver
 * from the command line), `--std-root <dir>` to point `std/` imports elsewhere. A packaged server
 * (the extension's `dist/server.mjs`) finds the standard library shipped beside it in `stdlib/`;
 * from source, the repository's own.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

// stdout may be the protocol channel: anything printed by accident goes to stderr instead.
console.log = console.error;
console.info = console.error;

const stdFlag = process.argv.indexOf("--std-root");
const beside = join(dirname(fileURLToPath(import.meta.url)), "stdlib");
const stdRoot = stdFlag >= 0 ? process.argv[stdFlag + 1] : existsSync(beside) ? beside : undefined;
const connection = createConnection(ProposedFeatures.all);
startServer(connection, { stdRoot });
connection.listen();
