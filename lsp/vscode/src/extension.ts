/**
 * The VS Code client: starts the bundled DL language server over IPC for `.dl` files, passes the
 * `dl.*` settings through, and adds two commands: restart the server, and show the `dl summary`
 * layer table of the model under the cursor in the "DL Layers" output channel. Everything the
 * editor shows comes from the server.
 */
import * as path from "node:path";
import { commands, window, workspace, type ExtensionContext, type OutputChannel } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let layers: OutputChannel | undefined;

interface LayerTable {
  model: string;
  file: string;
  table: string;
}

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
  context.subscriptions.push(
    commands.registerCommand("dl.restartServer", async () => {
      await client?.restart();
      void window.setStatusBarMessage("DL language server restarted", 3000);
    }),
    commands.registerCommand("dl.showLayerTable", async () => {
      const editor = window.activeTextEditor;
      if (!editor || editor.document.languageId !== "dl" || !client) {
        void window.showInformationMessage("Open a .dl file and put the cursor in a model to see its layers.");
        return;
      }
      const result = await client.sendRequest<LayerTable | null>("dl/layerTable", {
        textDocument: { uri: editor.document.uri.toString() },
        position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      });
      if (!result) {
        void window.showInformationMessage("The cursor is not in a model or on a model's name.");
        return;
      }
      layers ??= window.createOutputChannel("DL Layers");
      layers.appendLine(`${result.model} (${result.file})`);
      layers.appendLine(result.table);
      layers.appendLine("");
      layers.show(true);
    }),
    { dispose: () => void client?.stop() },
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  layers?.dispose();
  layers = undefined;
}
