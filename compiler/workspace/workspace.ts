/**
 * The set of documents a compilation sees: open editor buffers or files on disk, the standard
 * library under `std/`, and the import graph between them. Parses are cached per text version.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
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

  /**
   * Import specifiers of existing modules, for a did-you-mean when `spec` names none: every
   * module of the stdlib for `std/...`, else the `.dl` files in the folder the specifier points
   * into (or the nearest one above that exists) and beside the importer, written as the importer
   * would write them (`./helpers/blocks`). Folders are read a few levels deep, and at most a few
   * hundred files, so a mistyped path in a large tree costs little.
   */
  importCandidates(from: string, spec: string): string[] {
    const suffix = spec.endsWith(".dl") ? ".dl" : "";
    if (spec.startsWith("std/")) return listModules(this.stdRoot, 3).map((f) => "std/" + f.replace(/\.dl$/, suffix));
    const here = dirname(from);
    let target = resolve(here, dirname(spec));
    while (!existsSync(target) && dirname(target) !== target) target = dirname(target);
    const files = new Set([...listModules(target, 2).map((f) => join(target, f)), ...listModules(here, 2).map((f) => join(here, f))]);
    return [...files]
      .filter((f) => f !== from)
      .map((f) => {
        const rel = relative(here, f).split("\\").join("/").replace(/\.dl$/, suffix);
        return rel.startsWith("../") ? rel : `./${rel}`;
      });
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

/** `.dl` files under `root` (paths relative to it), at most `depth` folders deep, skipping hidden folders and node_modules. */
function listModules(root: string, depth: number, limit = 500): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string, left: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.length >= limit) return;
      if (e.isFile() && e.name.endsWith(".dl")) found.push(rel + e.name);
      else if (e.isDirectory() && left > 0 && !e.name.startsWith(".") && e.name !== "node_modules") walk(join(dir, e.name), `${rel}${e.name}/`, left - 1);
    }
  };
  walk(root, "", depth);
  return found;
}
