/**
 * What every feature handler gets: the documents (with the shared pipeline), the user's settings
 * and a logger. Features read phases through `docs.pipeline` and never analyse text themselves.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DlDocuments } from "./documents.js";

/** The `dl.*` settings the server honours. */
export interface Settings {
  inlayHints: { enabled: boolean };
  codeLens: { enabled: boolean };
}

export const defaultSettings: Settings = { inlayHints: { enabled: true }, codeLens: { enabled: true } };

export interface ServerContext {
  docs: DlDocuments;
  settings: Settings;
  /** Workspace folders, for finding references in files that are not open. */
  roots: string[];
  log(message: string): void;
}

/** An open document and its compiler path, or undefined when the URI is not open. */
export function openDocument(cx: ServerContext, uri: string): { doc: TextDocument; path: string } | undefined {
  const doc = cx.docs.get(uri);
  return doc ? { doc, path: cx.docs.path(uri) } : undefined;
}
