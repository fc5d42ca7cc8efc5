/**
 * Headless Chromium for the browser tests (exported models, the GPU kernel suite): a static
 * server on 127.0.0.1 serving one folder, Debian's `chromium` started by puppeteer-core with a
 * fresh profile and nothing that reaches the network, and pages that import an esbuild bundle.
 * Under CI=true a missing chromium is a failure (.ci/run installs it); elsewhere the tests skip
 * with a message naming the package.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

const repoRoot = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** Where Debian (and other distributions) put Chromium; CHROMIUM_PATH first when set. */
const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** The Chromium binary, or undefined when none is installed. */
export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => p !== undefined && p !== "" && fs.existsSync(p));
}

/** The skip message when Chromium is absent. */
export const CHROMIUM_PACKAGE = "Debian's `chromium` (apt-get install chromium; .ci/run installs it), or CHROMIUM_PATH";

/** Under CI a missing browser fails the browser tests; elsewhere they skip. */
export const browserRequired = process.env.CI === "true" || process.env.CI === "1";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
};

/** Serves `root` (files only, no listing, nothing outside it) on 127.0.0.1 at a free port. */
export async function serveFolder(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.resolve(base, "." + (rel.endsWith("/") ? rel + "index.html" : rel));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Options of `launchChromium`. */
export interface LaunchOptions {
  /** WebGPU wanted (--enable-unsafe-webgpu on a software Vulkan); else the GPU process is off. */
  webgpu?: boolean;
}

/** Flags that keep a test browser from reaching the network or doing background work. */
const QUIET_FLAGS = [
  "--no-sandbox",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-breakpad",
  "--metrics-recording-only",
  "--disable-dev-shm-usage",
];

/**
 * Starts headless Chromium with a fresh profile (removed on close). For WebGPU the Vulkan
 * backend of Dawn runs on SwiftShader (Chromium's own) and WebGL on SwiftShader through ANGLE:
 * no GPU needed.
 */
export async function launchChromium(o: LaunchOptions = {}): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`no chromium: install ${CHROMIUM_PACKAGE}`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "dl-chromium-"));
  const gpuFlags = o.webgpu
    ? ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-vulkan=swiftshader", "--use-webgpu-adapter=swiftshader", "--use-angle=swiftshader", "--ignore-gpu-blocklist"]
    : ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"];
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    args: [...QUIET_FLAGS, ...gpuFlags],
    protocolTimeout: 600_000,
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Bundles `entry` (TypeScript importing tfjs and test code) for the browser into `dir/name`.
 * `external` names modules left as imports (resolved by the page's import map).
 */
export async function bundleForBrowser(entry: string, dir: string, name: string, external: string[] = []): Promise<string> {
  const outfile = path.join(dir, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile,
    external,
    tsconfigRaw: {},
    // Entries written to a temporary folder resolve packages from this repository.
    nodePaths: [path.join(repoRoot, "node_modules")],
    logLevel: "error",
    // tfjs-core's node-only paths (node-fetch, util) are off in its package.json "browser" map.
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return outfile;
}

/** A page opened at `url` that collects console errors; `evaluate` runs in it. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors };
}

/**
 * A page that imports each of `modules` (name → specifier: a bundle in the served folder, or a
 * bare name of the import map) as `window[name]`, then sets `window.dlReady`.
 */
export function modulePage(modules: Record<string, string>, importMap: Record<string, string> = {}): string {
  const map = Object.keys(importMap).length ? `<script type="importmap">${JSON.stringify({ imports: importMap })}</script>\n` : "";
  const imports = Object.entries(modules).map(([name, spec], i) => `import * as m${i} from ${JSON.stringify(spec)};\nwindow[${JSON.stringify(name)}] = m${i};`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>dl test</title><link rel="icon" href="data:,">
${map}<script type="module">
${imports.join("\n")}
window.dlReady = true;
</script></head><body></body></html>
`;
}

/** Waits until the page's module has loaded (or failed, then throws with the page's errors). */
export async function waitForModule(page: Page, errors: string[], timeout = 120_000): Promise<void> {
  const start = Date.now();
  while (!(await page.evaluate(() => (window as unknown as { dlReady?: boolean }).dlReady === true))) {
    if (errors.length) throw new Error(`the page failed: ${errors.join("; ")}`);
    if (Date.now() - start > timeout) throw new Error("the page's module did not load");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Writes the pages' TensorFlow.js into `dir/vendor/` (tfjs-core with the cpu, WebGL and WebGPU
 * backends; tfjs-layers on it) and returns the import map that points the bare names there.
 */
export async function vendorTfjs(dir: string): Promise<Record<string, string>> {
  const here = path.join(repoRoot, "test", "browser");
  await bundleForBrowser(path.join(here, "tfjs-vendor.ts"), path.join(dir, "vendor"), "tfjs-core.mjs");
  // tfjs-layers also imports tfjs-core's gradients by path: the core bundle registers them.
  const gradients = "@tensorflow/tfjs-core/dist/register_all_gradients";
  await bundleForBrowser(path.join(here, "tfjs-layers-vendor.ts"), path.join(dir, "vendor"), "tfjs-layers.mjs", ["@tensorflow/tfjs-core", gradients]);
  return { "@tensorflow/tfjs-core": "/vendor/tfjs-core.mjs", [gradients]: "/vendor/tfjs-core.mjs", "@tensorflow/tfjs-layers": "/vendor/tfjs-layers.mjs" };
}

/** The page's WebGPU adapter as "vendor architecture (description), fallback", or why none. */
export async function webgpuAdapter(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> } }).gpu;
    if (!gpu) return "no navigator.gpu";
    const a = await gpu.requestAdapter();
    if (!a) return "no adapter";
    const i = a.info ?? {};
    const fallback = (i.isFallbackAdapter as boolean | undefined) ?? a.isFallbackAdapter;
    return `${String(i.vendor ?? "?")} ${String(i.architecture ?? "")} (${String(i.description ?? i.device ?? "")})${fallback ? ", fallback adapter" : ""}`.replace(/\s+/g, " ");
  });
}
