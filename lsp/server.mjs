// Starts the DL language server from source: registers tsx (configured by this repository's
// tsconfig.json only, never the opened folder's), then loads the TypeScript entry. The shipped
// server is the build: build/lsp/server.mjs (`npm run build`).
// Usage: node lsp/server.mjs --stdio   (or --node-ipc when forked by an editor client)
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("./server/main.ts");
