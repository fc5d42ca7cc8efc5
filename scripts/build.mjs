// Builds the shipped JavaScript into build/: the `dl` command (build/cli/dl.mjs), the language
// server (build/lsp/server.mjs) and the runtime that `dl run` and generated code import
// (build/runtime/index.mjs). Each bundle holds dl's own code (and chevrotain's single-file bundle);
// npm dependencies stay imports that Node resolves from the package's own node_modules. The
// bundles and their shared chunks (build/chunks/) sit two folders deep, as the sources do, so paths relative to a module (../../stdlib,
// ../../.cache) mean the same in both. Runs at `prepare` (npm ci, npm install) and `prepack`.
// Usage: node scripts/build.mjs
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // No tsconfig is read: the build is the same wherever it runs.
  tsconfigRaw: {},
  define: { __DL_BUILD__: "true" },
  sourcemap: false,
  logLevel: "warning",
  absWorkingDir: root,
};

// One build with code splitting: each command, and the runtime, load only when used (an external
// import in a bundle without splitting would load at start, TensorFlow.js for `dl --version`).
await build({
  ...common,
  entryPoints: { "cli/dl": join(root, "cli", "bin.ts"), "lsp/server": join(root, "lsp", "server", "main.ts"), "runtime/index": join(root, "runtime", "index.ts") },
  outdir: out,
  outExtension: { ".js": ".mjs" },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
// The shebang goes on the command only.
const cli = join(out, "cli", "dl.mjs");
writeFileSync(cli, "#!/usr/bin/env node\n" + readFileSync(cli, "utf8"));
chmodSync(join(out, "cli", "dl.mjs"), 0o755);
console.log("built build/cli/dl.mjs, build/lsp/server.mjs, build/runtime/index.mjs");
