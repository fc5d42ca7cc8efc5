/**
 * The language server's process entry: `--stdio` or `--node-ipc` (read by vscode-languageserver
 * from the command line), `--std-root <dir>` to point `std/` imports elsewhere.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

// stdout may be the protocol channel: anything printed by accident goes to stderr instead.
console.log = console.error;
console.info = console.error;

const stdFlag = process.argv.indexOf("--std-root");
const connection = createConnection(ProposedFeatures.all);
startServer(connection, { stdRoot: stdFlag >= 0 ? process.argv[stdFlag + 1] : undefined });
connection.listen();
