/**
 * A real editor client: Neovim's built-in LSP client (vim.lsp), headless, scripted in Lua
 * (test/lsp/neovim/driver.lua), drives the server from source: open, edit to make and fix an
 * error, hover, completion, definition into std, rename across two files, formatting.
 * Needs Debian's `neovim` (0.7+; `.ci/run` installs it). Without it the test is skipped outside CI
 * and fails in CI (CI=true). Run alone: `npx ava test/lsp/neovim.test.ts`.
 */
import test from "ava";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./helpers.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const present = nvim.status === 0;
const inCi = process.env.CI === "true";

const run = present || inCi ? test : test.skip;
if (!present && !inCi) console.log("neovim.test.ts: skipped, `nvim` is not installed (Debian package `neovim`; .ci/run installs it)");

run("Neovim's vim.lsp client: diagnostics after edits, hover, completion, definition into std, rename across files, formatting", (t) => {
  t.true(present, "nvim is required in CI: install Debian's `neovim` (see .ci/run)");
  if (!present) return;
  const dir = tempDir();
  writeFileSync(join(dir, "blocks.dl"), `/// A convolution stem.\nmodel Block() {\n  input x: f32[B, 32, 32, 1]\n  return x |> conv2d(1, kernel=3, padding=same)\n}\n`);
  writeFileSync(
    join(dir, "app.dl"),
    `import { Block } from "./blocks"\nimport { LeNet5 } from "std/vision/lenet"\nmodel App() {\n  input x: f32[B, 32, 32, 1]\n  let h = x |> Block() |> relu\n  return h |> LeNet5()\n}\n`,
  );
  writeFileSync(join(dir, "messy.dl"), `model  M(){\ninput x:f32[B,4]\n   return x|>dense( 2 )\n}\n`);
  const out = join(dir, "results.json");
  execFileSync("nvim", ["--headless", "--clean", "-u", "NONE", "-c", `luafile ${join(repo, "test/lsp/neovim/driver.lua")}`], {
    cwd: dir,
    env: { ...process.env, DL_NVIM_DIR: dir, DL_NVIM_SERVER: join(repo, "lsp/server.mjs"), DL_NVIM_NODE: process.execPath, DL_NVIM_OUT: out },
    timeout: 120000,
    stdio: "pipe",
  });
  const results = JSON.parse(readFileSync(out, "utf8")) as { name: string; ok: boolean; detail: string }[];
  const steps = ["start", "initialize", "clean on open", "error after edit", "fixed after edit", "hover", "completion", "definition into std", "rename across files", "formatting", "stop"];
  t.deepEqual(results.map((r) => r.name), steps, JSON.stringify(results, null, 1));
  for (const r of results) t.true(r.ok, `${r.name}: ${r.detail}`);
});
