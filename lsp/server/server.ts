/**
 * The DL language server: capabilities, document sync (incremental) and the routing of each
 * request to its feature module. Transport-agnostic: `main.ts` connects it to stdio or IPC, the
 * tests to in-memory streams.
 */
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  SemanticTokensBuilder,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions } from "./code-actions.js";
import { codeLenses } from "./code-lens.js";
import { complete, resolveCompletion } from "./completion.js";
import { defaultSettings, type ServerContext, type Settings } from "./context.js";
import { definition } from "./definition.js";
import { documentDiagnostics } from "./diagnostics.js";
import { documentSymbols } from "./document-symbols.js";
import { DlDocuments } from "./documents.js";
import { CheckScheduler } from "./check-scheduler.js";
import { progressSink } from "./progress.js";
import { foldingRanges } from "./folding.js";
import { formatDocument } from "./formatting.js";
import { hover } from "./hover.js";
import { layerTable, layerTableMethod } from "./layer-table.js";
import { inlayHints } from "./inlay-hints.js";
import { references } from "./references.js";
import { prepareRename, rename } from "./rename.js";
import { semanticTokens, semanticTokensDelta, semanticTokensLegend } from "./semantic-tokens.js";
import { workspaceSymbols } from "./workspace-symbols.js";
import { documentHighlights, documentLinks, selectionRanges } from "./highlights.js";
import { willRenameFiles } from "./file-rename.js";
import { incomingCalls, outgoingCalls, prepareCallHierarchy } from "./call-hierarchy.js";
import { signatureHelp } from "./signature-help.js";

export interface ServerOptions {
  /** The standard library folder (`std/...` imports); the package's own by default. */
  stdRoot?: string;
}

interface InitOptions {
  stdRoot?: string;
  /** Checks running longer than this are reported with `$/progress` (ms; 500 by default). */
  progressAfterMs?: number;
  settings?: Partial<Settings>;
}

function mergeSettings(base: Settings, given: unknown): Settings {
  const g = (given ?? {}) as Partial<Settings>;
  return {
    inlayHints: { enabled: g.inlayHints?.enabled ?? base.inlayHints.enabled },
    codeLens: { enabled: g.codeLens?.enabled ?? base.codeLens.enabled },
  };
}

/** Wires the server's handlers onto `connection`; the caller calls `connection.listen()`. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  let cx: ServerContext = {
    docs: new DlDocuments(options.stdRoot),
    settings: defaultSettings,
    roots: [],
    log: (m) => connection.console.log(m),
  };
  let pullConfiguration = false;
  let workDoneProgress = false;
  /** What the client said it supports, where the server's answers depend on it. */
  const client = { inlayHintRefresh: false, codeLensRefresh: false, completionResolve: false };
  let shutDown = false;
  /** After `shutdown`, every request but `exit` is an error (LSP: InvalidRequest). */
  const refuseAfterShutdown = () => {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, "the server is shutting down");
  };

  /** Runs a handler; a failure is logged and answered with `fallback`, never a crash. */
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      connection.console.error(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };

  /** Resolves an open document for a request; unknown URIs get the fallback. */
  const withDoc = <T>(what: string, uri: string, fallback: T, fn: (doc: TextDocument, path: string) => T): T => {
    refuseAfterShutdown();
    const doc = cx.docs.get(uri);
    if (!doc) return fallback;
    try {
      return guard(what, fallback, () => fn(doc, cx.docs.path(uri)));
    } finally {
      // Checking waits a little after an answer, so that it is on its way before the check resumes.
      scheduler.requested();
    }
  };

  /** Like `withDoc` for requests that read the checked phase: a running check of it finishes first. */
  const withChecked = <T>(what: string, uri: string, fallback: T, fn: (doc: TextDocument, path: string) => T): T => {
    guard("check", undefined, () => scheduler.finish(uri));
    return withDoc(what, uri, fallback, fn);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    const roots = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri ? [params.rootUri] : []);
    cx = {
      ...cx,
      docs: init.stdRoot ? new DlDocuments(init.stdRoot) : cx.docs,
      settings: mergeSettings(defaultSettings, init.settings),
      roots: [...new Set(roots.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u)))],
    };
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    workDoneProgress = !!params.capabilities.window?.workDoneProgress;
    const caps = params.capabilities;
    client.inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    client.codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    const resolvable = caps.textDocument?.completion?.completionItem?.resolveSupport?.properties ?? [];
    client.completionResolve = resolvable.includes("documentation") && resolvable.includes("detail");
    scheduler = makeScheduler(init.progressAfterMs);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [">", "(", ",", '"', "/", "="], resolveProvider: true },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: ["="] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: { delta: true }, range: true },
        workspaceSymbolProvider: true,
        documentHighlightProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        callHierarchyProvider: true,
        workspace: { fileOperations: { willRename: { filters: [{ scheme: "file", pattern: { glob: "**/*.dl", matches: "file" } }, { scheme: "file", pattern: { glob: "**/*", matches: "folder" } }] } } },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: "dl-language-server", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    try {
      const dl: unknown = await connection.workspace.getConfiguration({ section: "dl" });
      applySettings(dl);
    } catch {
      // A client without configuration support keeps the defaults.
    }
  }

  function applySettings(dl: unknown): void {
    cx = { ...cx, settings: mergeSettings(cx.settings, dl) };
    // Only clients that said they handle refresh requests get them (others answer with an error).
    if (client.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (client.codeLensRefresh) void connection.sendRequest("workspace/codeLens/refresh").catch(() => undefined);
  }

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as { dl?: unknown } | undefined;
    if (settings?.dl) applySettings(settings.dl);
    else if (pullConfiguration) void refreshSettings();
  });

  const published = new Map<string, string>();
  function publish(uri: string): void {
    const doc = cx.docs.get(uri);
    if (!doc) return;
    const path = cx.docs.path(uri);
    const diagnostics = guard("diagnostics", undefined, () => documentDiagnostics(cx.docs, doc, path));
    if (!diagnostics) return;
    // Unchanged diagnostics of a document that did not change are not sent again.
    const key = `${doc.version}:${JSON.stringify(diagnostics)}`;
    if (published.get(uri) === key) return;
    published.set(uri, key);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  const progress = progressSink(connection);
  // Diagnostics are recomputed once per burst of changes, for its newest version (see
  // check-scheduler.ts); long checks are shown as progress where the client can show it.
  const makeScheduler = (progressAfterMs?: number) =>
    new CheckScheduler(cx.docs, {
      checked: publish,
      progress: () => (workDoneProgress ? progress : undefined),
      progressAfterMs,
    });
  let scheduler = makeScheduler();


  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    cx.docs.didOpen(t.uri, t.version, t.text);
    scheduler.changed(t.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    cx.docs.didChange(t.uri, t.version ?? 0, contentChanges);
    scheduler.changed(t.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    cx.docs.didClose(t.uri);
    scheduler.closed(t.uri);
    tokenBuilders.delete(t.uri);
    published.delete(t.uri);
    void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const files = changes.filter((c) => c.uri.startsWith("file:"));
    cx.docs.filesChanged(
      files.map((c) => fileURLToPath(c.uri)),
      files.some((c) => c.type === FileChangeType.Created),
    );
    scheduler.changedAll();
  });

  connection.onCompletion(({ textDocument, position }) =>
    withDoc("completion", textDocument.uri, null, (doc, path) => {
      const list = complete(cx, doc, path, doc.offsetAt(position));
      // A client that cannot resolve items gets their documentation (and models' signatures) inline.
      return client.completionResolve ? list : { ...list, items: list.items.map((i) => resolveCompletion(cx, i)) };
    }),
  );
  connection.onCompletionResolve((item) => (refuseAfterShutdown(), guard("completion resolve", item, () => resolveCompletion(cx, item))));
  // Hover checks the declaration under the cursor itself when the document's check is not done.
  connection.onHover(({ textDocument, position }) => withDoc("hover", textDocument.uri, null, (doc, path) => hover(cx, doc, path, doc.offsetAt(position))));
  connection.onSignatureHelp(({ textDocument, position }) =>
    withDoc("signature help", textDocument.uri, null, (doc, path) => signatureHelp(cx, path, doc.offsetAt(position))),
  );
  connection.onDefinition(({ textDocument, position }) => withDoc("definition", textDocument.uri, [], (doc, path) => definition(cx, path, doc.offsetAt(position))));
  connection.onReferences(({ textDocument, position, context }) =>
    withDoc("references", textDocument.uri, [], (doc, path) => references(cx, path, doc.offsetAt(position), context.includeDeclaration)),
  );
  connection.onPrepareRename(({ textDocument, position }) =>
    withDoc("prepare rename", textDocument.uri, null, (doc, path) => prepareRename(cx, path, doc.offsetAt(position))),
  );
  connection.onRenameRequest(({ textDocument, position, newName }) =>
    withDoc("rename", textDocument.uri, null, (doc, path) => rename(cx, path, doc.offsetAt(position), newName)),
  );
  connection.onDocumentSymbol(({ textDocument }) => withDoc("document symbols", textDocument.uri, [], (doc, path) => documentSymbols(cx, doc, path)));
  connection.onFoldingRanges(({ textDocument }) => withDoc("folding", textDocument.uri, [], (doc, path) => foldingRanges(cx, doc, path)));
  // One builder per document keeps its last result, from which `full/delta` answers with edits.
  const tokenBuilders = new Map<string, SemanticTokensBuilder>();
  const tokenBuilder = (uri: string) => {
    let b = tokenBuilders.get(uri);
    if (!b) tokenBuilders.set(uri, (b = new SemanticTokensBuilder()));
    return b;
  };
  connection.languages.semanticTokens.on(({ textDocument }) =>
    withDoc("semantic tokens", textDocument.uri, { data: [] }, (doc, path) => semanticTokens(cx, doc, path, tokenBuilder(textDocument.uri))),
  );
  connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) =>
    withDoc("semantic tokens", textDocument.uri, { data: [] }, (doc, path) => semanticTokensDelta(cx, doc, path, tokenBuilder(textDocument.uri), previousResultId)),
  );
  connection.languages.semanticTokens.onRange(({ textDocument, range }) =>
    withDoc("semantic tokens", textDocument.uri, { data: [] }, (doc, path) => semanticTokens(cx, doc, path, new SemanticTokensBuilder(), range)),
  );
  connection.onWorkspaceSymbol(({ query }) => guard("workspace symbols", [], () => (refuseAfterShutdown(), workspaceSymbols(cx, query))));
  connection.onDocumentHighlight(({ textDocument, position }) =>
    withDoc("highlights", textDocument.uri, [], (doc, path) => documentHighlights(cx, doc, path, doc.offsetAt(position))),
  );
  connection.onSelectionRanges(({ textDocument, positions }) => withDoc("selection ranges", textDocument.uri, [], (doc, path) => selectionRanges(cx, doc, path, positions)));
  connection.onDocumentLinks(({ textDocument }) => withDoc("document links", textDocument.uri, [], (doc, path) => documentLinks(cx, doc, path)));
  connection.workspace.onWillRenameFiles(({ files }) => guard("file rename", null, () => (refuseAfterShutdown(), willRenameFiles(cx, files))));
  connection.languages.callHierarchy.onPrepare(({ textDocument, position }) =>
    withDoc("call hierarchy", textDocument.uri, null, (doc, path) => prepareCallHierarchy(cx, path, doc.offsetAt(position))),
  );
  connection.languages.callHierarchy.onIncomingCalls(({ item }) => guard("incoming calls", [], () => (refuseAfterShutdown(), incomingCalls(cx, item))));
  connection.languages.callHierarchy.onOutgoingCalls(({ item }) => guard("outgoing calls", [], () => (refuseAfterShutdown(), outgoingCalls(cx, item))));
  connection.onShutdown(() => {
    shutDown = true;
    scheduler.stop();
  });
  connection.onDocumentFormatting(async ({ textDocument, options }) => {
    refuseAfterShutdown();
    const doc = cx.docs.get(textDocument.uri);
    if (!doc) return [];
    try {
      return await formatDocument(doc, options, cx.log);
    } catch (err) {
      connection.console.error(`formatting failed: ${String(err)}`);
      return [];
    }
  });
  connection.onCodeAction(({ textDocument, range, context }) => withChecked("code actions", textDocument.uri, [], (doc, path) => codeActions(cx, doc, path, range, context.only)));
  connection.languages.inlayHint.on(({ textDocument, range }) => withChecked("inlay hints", textDocument.uri, [], (doc, path) => inlayHints(cx, doc, path, range)));
  connection.onRequest(layerTableMethod, ({ textDocument, position }: { textDocument: { uri: string }; position: { line: number; character: number } }) =>
    withChecked("layer table", textDocument.uri, null, (doc, path) => layerTable(cx, path, doc.offsetAt(position))),
  );
  connection.onCodeLens(({ textDocument }) => withChecked("code lens", textDocument.uri, [], (doc, path) => codeLenses(cx, doc, path)));
}
