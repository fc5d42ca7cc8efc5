/**
 * The VS Code client: starts the bundled DL language server over IPC for `.dl` files and passes
 * the `dl.*` settings through. Everything the editor shows comes from the server.
 */
import * as path from "node:path";
import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join("dist", "server.mjs"));
  const configured = workspace.getConfiguration("dl").get<string>("server.stdRoot") ?? "";
  const stdRoot = configured || context.asAbsolutePath(path.join("dist", "stdlib"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const settings = workspace.getConfiguration("dl");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "dl" }],
    synchronize: { configurationSection: "dl", fileEvents: workspace.createFileSystemWatcher("**/*.dl") },
    initializationOptions: {
      stdRoot,
      settings: { inlayHints: { enabled: settings.get("inlayHints.enabled", true) }, codeLens: { enabled: settings.get("codeLens.enabled", true) } },
    },
  };
  client = new LanguageClient("dl", "DL Language Server", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
