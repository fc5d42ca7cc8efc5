/**
 * The documents the server knows: open editor buffers overlaid on the file system through the
 * workspace's `DocumentHost`, with URI ↔ path mapping. Every change invalidates the document's
 * phases in the shared `DocumentPipeline`; importers re-check on their next request because the
 * pipeline compares the texts each cached phase read.
 */
import { statSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { applyEdits } from "./pending-edits.js";
import { fileSystemHost, stdlibRoot, Workspace, type DocumentHost } from "../../compiler/workspace/workspace.js";

/** Where documents that are not files (untitled buffers) live in path space. */
const virtualRoot = "/__dl_virtual__/";

/**
 * The workspace as the editor names its documents: an untitled buffer by its URI, and a file an
 * untitled buffer imports relative to itself (which cannot exist) as such, never by the virtual path.
 */
class EditorWorkspace extends Workspace {
  constructor(
    host: DocumentHost,
    stdRoot: string,
    private readonly uriOf: (path: string) => string | undefined,
  ) {
    super(host, stdRoot);
  }

  override display(path: string): string {
    if (!path.startsWith(virtualRoot)) return super.display(path);
    const uri = this.uriOf(path);
    if (uri) return uri;
    return `${basename(path)} beside an unsaved document (save it to import files next to it)`;
  }
}

/** An open buffer: its text at the last read, and edits received since, applied when it is next read. */
interface OpenBuffer {
  doc: TextDocument;
  pending: TextDocumentContentChangeEvent[];
  version: number;
}

export class DlDocuments {
  private readonly buffers = new Map<string, OpenBuffer>();
  private readonly uris = new Map<string, string>();
  /** Disk files read through the host, re-read only when their modification time changes. */
  private readonly disk = new Map<string, { mtime: number; text: string | undefined; doc?: TextDocument }>();
  readonly workspace: Workspace;
  readonly pipeline: DocumentPipeline;

  constructor(stdRoot: string = stdlibRoot) {
    const host: DocumentHost = { read: (path) => this.openDoc(path)?.getText() ?? this.readDisk(path) };
    this.workspace = new EditorWorkspace(host, stdRoot, (path) => this.uris.get(path));
    this.pipeline = new DocumentPipeline(this.workspace, { reuseChecks: true });
  }

  /** The path the compiler uses for a URI; non-file URIs get a stable virtual path. */
  path(uri: string): string {
    let path: string;
    if (uri.startsWith("file:")) {
      try {
        path = fileURLToPath(uri);
      } catch {
        path = virtualRoot + encodeURIComponent(uri);
      }
    } else path = virtualRoot + encodeURIComponent(uri);
    this.uris.set(path, uri);
    return path;
  }

  /** The URI of a compiler path: the one the client used, or a `file:` URI. */
  uri(path: string): string {
    return this.uris.get(path) ?? pathToFileURL(path).href;
  }

  /** Whether a path lies inside the standard library (read-only for rename). */
  isStd(path: string): boolean {
    return path.startsWith(this.workspace.stdRoot);
  }

  didOpen(uri: string, version: number, text: string): string {
    const path = this.path(uri);
    this.buffers.set(path, { doc: TextDocument.create(uri, "dl", version, text), pending: [], version });
    // A new document can satisfy another's failed import, which no cached phase recorded: drop all
    // phases (parses stay cached by text in the workspace, so this is cheap).
    this.pipeline.invalidate();
    return path;
  }

  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): string | undefined {
    const path = this.path(uri);
    const buffer = this.buffers.get(path);
    if (!buffer) return undefined;
    // Applied on the next read: a burst of queued edits is applied in one pass (pending-edits.ts).
    buffer.pending.push(...changes);
    buffer.version = version;
    this.pipeline.invalidate(path);
    return path;
  }

  /** The version of an open buffer, without applying its pending edits; undefined when not open. */
  version(uri: string): number | undefined {
    return this.buffers.get(this.path(uri))?.version;
  }

  didClose(uri: string): string {
    const path = this.path(uri);
    this.buffers.delete(path);
    this.pipeline.invalidate();
    this.pipeline.forget(path);
    this.workspace.forget(path);
    return path;
  }

  /** An open buffer by URI. */
  get(uri: string): TextDocument | undefined {
    return this.openDoc(this.path(uri));
  }

  /** The open buffer at `path` with every edit received applied. */
  private openDoc(path: string): TextDocument | undefined {
    const buffer = this.buffers.get(path);
    if (buffer?.pending.length) {
      buffer.doc = applyEdits(buffer.doc, buffer.pending, buffer.version);
      buffer.pending = [];
    }
    return buffer?.doc;
  }

  /** Paths of all open documents. */
  openPaths(): string[] {
    return [...this.buffers.keys()];
  }

  isOpen(path: string): boolean {
    return this.buffers.has(path);
  }

  /**
   * A text document for any path the compiler mentions (open buffer, import on disk, `std/`), for
   * converting its spans to LSP positions; undefined when it cannot be read.
   */
  textDocument(path: string): TextDocument | undefined {
    const open = this.openDoc(path);
    if (open) return open;
    const text = this.readDisk(path);
    if (text === undefined) return undefined;
    const entry = this.disk.get(path)!;
    if (!entry.doc || entry.doc.getText() !== text) entry.doc = TextDocument.create(this.uri(path), "dl", 0, text);
    return entry.doc;
  }

  /**
   * Forgets cached disk reads (the client reported changed files). A created file can satisfy an
   * import that failed, which no cached phase recorded as a text it read: then every phase goes
   * (parses stay cached by text, so this is cheap).
   */
  filesChanged(paths: string[], created = false): void {
    for (const p of paths) {
      this.disk.delete(p);
      this.pipeline.invalidate(p);
    }
    if (created) this.pipeline.invalidate();
  }

  private readDisk(path: string): string | undefined {
    if (path.startsWith(virtualRoot)) return undefined;
    let mtime: number;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {
      this.disk.delete(path);
      return undefined;
    }
    const cached = this.disk.get(path);
    if (cached && cached.mtime === mtime) return cached.text;
    const text = fileSystemHost.read(path);
    this.disk.set(path, { mtime, text });
    return text;
  }
}
