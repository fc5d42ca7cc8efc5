/**
 * The set of documents a compilation sees: open editor buffers or files on disk, the standard
 * library under `std/`, and the import graph between them. Parses are cached per text version.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { limits } from "../../grammar/limits.js";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SegmentCache, type ParseResult } from "../../grammar/parse.js";

/** Reads documents; the language server overlays open buffers on the file system. */
export interface DocumentHost {
  read(path: string): string | undefined;
}

/**
 * Why the file at `path` cannot be a DL source, or undefined when it can (or does not exist, which
 * callers report as not found): only regular files are read, so a FIFO, a device (`/dev/zero`
 * named `x.dl`) or a folder named `*.dl` never blocks or floods a read; and at most
 * `limits.fileBytes`.
 */
export function sourceProblem(path: string): { kind: "not-regular" | "too-large"; message: string } | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (stat.isFile()) {
    return stat.size > limits.fileBytes ? { kind: "too-large", message: `is ${stat.size} bytes, above the limit of ${limits.fileBytes} bytes (4 MiB) for a source file` } : undefined;
  }
  const what = stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a FIFO (named pipe)" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : stat.isSocket() ? "a socket" : "not a regular file";
  return { kind: "not-regular", message: `is ${what}, not a regular file; only regular files are read as DL sources` };
}

export const fileSystemHost: DocumentHost = {
  read(path) {
    try {
      if (sourceProblem(path)) return undefined;
      // Opened without blocking and checked again: the path may have been swapped since the stat.
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile() || stat.size > limits.fileBytes) return undefined;
        return readFileSync(fd, "utf8");
      } finally {
        closeSync(fd);
      }
    } catch {
      return undefined;
    }
  },
};

/** The package's stdlib folder (`std/...` imports). */
export const stdlibRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../stdlib");

export interface ParsedDocument {
  path: string;
  text: string;
  parsed: ParseResult;
}

export class Workspace {
  private readonly cache = new Map<string, ParsedDocument>();
  /** Per document, the parsed segments of its last parse: an edit re-parses only what it touched. */
  private readonly segments = new Map<string, SegmentCache>();

  constructor(
    readonly host: DocumentHost = fileSystemHost,
    readonly stdRoot: string = stdlibRoot,
  ) {}

  /** The parsed document at `path`, or undefined when it cannot be read. */
  document(path: string): ParsedDocument | undefined {
    const text = this.host.read(path);
    if (text === undefined) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.text === text) return cached;
    let segments = this.segments.get(path);
    if (!segments) this.segments.set(path, (segments = new SegmentCache()));
    const doc = { path, text, parsed: segments.parse(text) };
    this.cache.set(path, doc);
    return doc;
  }

  /** Where an import specifier points: `std/x/y` under the stdlib, `./x` beside the importer. `.dl` is optional. */
  importPath(from: string, spec: string): string {
    const base = spec.startsWith("std/") ? join(this.stdRoot, spec.slice(4)) : resolve(dirname(from), spec);
    return base.endsWith(".dl") ? base : base + ".dl";
  }

  /** A short display path for messages. */
  display(path: string): string {
    if (path.startsWith(this.stdRoot)) return "std/" + relative(this.stdRoot, path).replace(/\.dl$/, "");
    const rel = relative(process.cwd(), path);
    return rel.startsWith("..") ? path : rel;
  }

  /** Forgets a document (the language server calls this on close). */
  forget(path: string): void {
    this.cache.delete(path);
    this.segments.delete(path);
  }
}
