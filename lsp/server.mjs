// Starts the DL language server from source: registers tsx, then loads the TypeScript entry.
// Usage: node lsp/server.mjs --stdio   (or --node-ipc when forked by an editor client)
import { register } from "tsx/esm/api";

register();
await import("./server/main.ts");
