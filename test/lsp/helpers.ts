/**
 * The language-server test helper: a server in this process behind in-memory JSON-RPC streams (or
 * a child process over stdio), documents written with `<|>` cursor markers, and waiting for the
 * diagnostics the server pushes.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createConnection,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { startServer } from "../../lsp/server/server.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The fixture standard library used by the tests (`std/vision/tiny`, `std/blocks/mlp`). */
export const fixtureStd = join(here, "fixtures", "std");

/** The cursor marker. */
export const CURSOR = "<|>";

/** Removes the `<|>` marker and returns the text and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error("no <|> marker in the test source");
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** A fresh folder for a test's documents. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "dl-lsp-"));
}

export interface OpenedDoc {
  uri: string;
  path: string;
  text: string;
  /** The marker's position, when the source had one. */
  position: Position;
  offset: number;
  version: number;
}

/** A language client driving the server under test. */
export class TestClient {
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly docs = new Map<string, OpenedDoc>();
  /** The server's process, when it runs as a child. */
  child?: import("node:child_process").ChildProcess;
  /** What the child server wrote to stderr so far. */
  stderr: () => string = () => "";
  /** Every `publishDiagnostics` received, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];

  constructor(
    readonly rpc: MessageConnection,
    readonly root: string,
    private readonly dispose: () => void,
  ) {
    rpc.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (w.version === undefined || (p.version ?? 0) >= w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    // The server may ask for refreshes; answer them like an editor would.
    rpc.onRequest("workspace/inlayHint/refresh", () => null);
    rpc.onRequest("workspace/codeLens/refresh", () => null);
    rpc.onNotification("window/logMessage", () => undefined);
  }

  /** Opens `name` (inside the client's root folder) with a source that may hold a `<|>` marker. */
  open(name: string, marked: string, options: { write?: boolean } = {}): OpenedDoc {
    const { text, offset } = marked.includes(CURSOR) ? cursor(marked) : { text: marked, offset: 0 };
    const path = resolve(this.root, name);
    if (options.write) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const uri = pathToFileURL(path).href;
    const doc: OpenedDoc = { uri, path, text, offset, position: TextDocument.create(uri, "dl", 1, text).positionAt(offset), version: 1 };
    this.docs.set(uri, doc);
    void this.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "dl", version: 1, text } });
    return doc;
  }

  /** Applies incremental edits (ranges in the current text) to an open document. */
  change(doc: OpenedDoc, edits: { range: { start: Position; end: Position }; text: string }[]): OpenedDoc {
    let td = TextDocument.create(doc.uri, "dl", doc.version, doc.text);
    td = TextDocument.update(td, edits, doc.version + 1);
    doc.version++;
    doc.text = td.getText();
    void this.rpc.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: edits });
    return doc;
  }

  /** Replaces the whole text (one full-document change event). */
  replace(doc: OpenedDoc, marked: string): OpenedDoc {
    const { text, offset } = marked.includes(CURSOR) ? cursor(marked) : { text: marked, offset: 0 };
    doc.version++;
    doc.text = text;
    doc.offset = offset;
    doc.position = TextDocument.create(doc.uri, "dl", doc.version, text).positionAt(offset);
    void this.rpc.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ text }] });
    return doc;
  }

  /** The diagnostics of `doc` at its current version (waits for the server to push them). */
  diagnosticsOf(doc: OpenedDoc, timeoutMs = 20000): Promise<Diagnostic[]> {
    const have = this.diagnostics.get(doc.uri);
    if (have && (have.version ?? 0) >= doc.version) return Promise.resolve(have.diagnostics);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${doc.uri} v${doc.version}`)), timeoutMs);
      this.waiters.push({
        uri: doc.uri,
        version: doc.version,
        resolve: (p) => {
          clearTimeout(timer);
          resolvePromise(p.diagnostics);
        },
      });
    });
  }

  /** Sends a request with `textDocument` and `position` filled from `doc`. */
  at<T>(method: string, doc: OpenedDoc, extra: Record<string, unknown> = {}): Promise<T> {
    return this.rpc.sendRequest(method, { textDocument: { uri: doc.uri }, position: doc.position, ...extra }) as Promise<T>;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): void {
    void this.rpc.sendNotification(method, params);
  }

  /** Shuts the server down (without `exit`, which would end this process). */
  async close(): Promise<void> {
    try {
      await this.rpc.sendRequest("shutdown");
    } finally {
      this.rpc.dispose();
      this.dispose();
    }
  }
}

export interface StartOptions {
  /** The standard library for `std/...` (the fixture one by default; null: the server's own default). */
  stdRoot?: string | null;
  root?: string;
  initializationOptions?: Record<string, unknown>;
  /** Client capabilities replacing the defaults' top-level entries (`textDocument`, `window`, ...). */
  capabilities?: Record<string, unknown>;
}

async function initialize(rpc: MessageConnection, root: string, options: StartOptions): Promise<void> {
  await rpc.sendRequest("initialize", {
    processId: null,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "test" }],
    // Like VS Code: versioned diagnostics, completion items resolved one at a time.
    capabilities: {
      textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { resolveSupport: { properties: ["documentation", "detail"] } } } },
      ...options.capabilities,
    },
    initializationOptions: { ...(options.stdRoot === null ? {} : { stdRoot: options.stdRoot ?? fixtureStd }), ...options.initializationOptions },
  });
  await rpc.sendNotification("initialized", {});
}

/** Starts a server in this process, connected through in-memory streams. */
export async function startInProcess(options: StartOptions = {}): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server);
  server.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.listen();
  const root = options.root ?? tempDir();
  await initialize(rpc, root, options);
  return new TestClient(rpc, root, () => {
    server.dispose();
    toServer.end();
    toClient.end();
  });
}

/** Starts `node lsp/server.mjs --stdio` (or `launcher`) as a child process in `cwd` and connects to its stdio. */
export async function startChild(options: StartOptions & { launcher?: string; cwd?: string } = {}): Promise<TestClient> {
  const { spawn } = await import("node:child_process");
  const launcher = options.launcher ?? resolve(here, "../../lsp/server.mjs");
  const child = spawn(process.execPath, [launcher, "--stdio"], { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  rpc.listen();
  const root = options.root ?? tempDir();
  try {
    await initialize(rpc, root, options);
  } catch (err) {
    child.kill();
    throw new Error(`server did not start: ${String(err)}\n${stderr}`);
  }
  const client = new TestClient(rpc, root, () => {
    child.kill();
  });
  client.child = child;
  client.stderr = () => stderr;
  return client;
}

export { writeFileSync, mkdirSync, join };
