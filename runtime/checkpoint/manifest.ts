/**
 * A checkpoint's `manifest.json`: the size and sha256 of every file in the checkpoint folder,
 * written (durably) after all of them. A folder whose manifest is missing or disagrees with a
 * file is incomplete or damaged, and is never resumed from.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { faultPoint } from "../fault-point.js";
import { syncFolder, writeDurable } from "./durable.js";

/** The manifest's contents; `files` keys are paths relative to the checkpoint folder, with `/`. */
export interface Manifest {
  format: "dl-checkpoint";
  version: 1;
  step: number;
  files: Record<string, { bytes: number; sha256: string }>;
}

export const MANIFEST = "manifest.json";

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Writes the files of one checkpoint folder durably, recording each in the manifest. */
export class ManifestWriter {
  private readonly files: Manifest["files"] = {};
  private readonly folders = new Set<string>();
  /** The file being written (named when a write fails). */
  current = "";

  constructor(readonly dir: string) {}

  /** Writes `file` (a path inside `dir`) and records its size and digest. */
  readonly write = (file: string, data: string | Uint8Array): void => {
    const relative = path.relative(this.dir, file).split(path.sep).join("/");
    this.current = relative;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (let d = path.dirname(file); d.startsWith(this.dir); d = path.dirname(d)) this.folders.add(d);
    writeDurable(file, data);
    this.files[relative] = { bytes: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength, sha256: sha256(data) };
    faultPoint("checkpoint-file");
  };

  /** Writes the manifest last and flushes every folder, so the whole checkpoint is on disk. */
  finish(step: number): void {
    this.current = MANIFEST;
    const manifest: Manifest = { format: "dl-checkpoint", version: 1, step, files: this.files };
    writeDurable(path.join(this.dir, MANIFEST), JSON.stringify(manifest, null, 1));
    for (const d of [...this.folders].sort((a, b) => b.length - a.length)) syncFolder(d);
  }
}

/** Why the checkpoint folder `dir` cannot be trusted, or null when every file matches its manifest. */
export function verifyCheckpoint(dir: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
  } catch (err) {
    return (err as { code?: string }).code === "ENOENT" ? `no ${MANIFEST} (the checkpoint was never completed)` : `${MANIFEST} is unreadable`;
  }
  if (manifest?.format !== "dl-checkpoint" || typeof manifest.files !== "object" || manifest.files === null)
    return `${MANIFEST} is not a dl checkpoint manifest`;
  for (const [name, expected] of Object.entries(manifest.files)) {
    let data: Buffer;
    try {
      data = fs.readFileSync(path.join(dir, ...name.split("/")));
    } catch {
      return `${name} is missing`;
    }
    if (data.byteLength !== expected.bytes) return `${name} has ${data.byteLength} bytes, the manifest says ${expected.bytes} (truncated?)`;
    if (sha256(data) !== expected.sha256) return `${name} does not match its sha256 in the manifest (corrupted)`;
  }
  return null;
}
