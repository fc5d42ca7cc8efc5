// Builds the VS Code extension into lsp/vscode/dist: the TextMate grammar (generated from the
// compiler's token vocabulary and registries), the client and the language server bundled with
// esbuild, and the standard library for `std/...` imports. With `--package`, also makes the .vsix.
// Usage: node lsp/vscode/build.mjs [--package]   (npm run package:vscode)
import { cpSync, mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { register } from "tsx/esm/api";
import { drawIcon } from "./icon.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dist = join(here, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

register();
const { textMateGrammar } = await import("../textmate-grammar.ts");
writeFileSync(join(dist, "icon.png"), drawIcon());
writeFileSync(join(dist, "dl.tmLanguage.json"), JSON.stringify(textMateGrammar(), null, 2) + "\n");

// The client runs inside VS Code's extension host: CommonJS, `vscode` provided by the host.
await build({
  entryPoints: [join(here, "src", "extension.ts")],
  outfile: join(dist, "extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  logLevel: "warning",
});

// The server is ESM (the compiler uses import.meta.url); its CommonJS dependencies need `require`.
await build({
  entryPoints: [join(root, "lsp", "server", "main.ts")],
  outfile: join(dist, "server.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node18",
  minify: true,
  sourcemap: false,
  banner: { js: 'import { createRequire as __dlCreateRequire } from "node:module"; const require = __dlCreateRequire(import.meta.url);' },
  logLevel: "warning",
});

if (existsSync(join(root, "stdlib"))) cpSync(join(root, "stdlib"), join(dist, "stdlib"), { recursive: true, filter: (src) => !/\.(ts|md)$/.test(src) || src.endsWith(".dl") });
else mkdirSync(join(dist, "stdlib"));

console.log(`built ${relative(root, dist)}`);

if (process.argv.includes("--package")) {
  const { createVSIX } = await import("@vscode/vsce");
  const packagePath = join(here, "dl-lang-vscode.vsix");
  await createVSIX({ cwd: here, packagePath, dependencies: false });
  console.log(`packaged ${relative(root, packagePath)}`);
}
