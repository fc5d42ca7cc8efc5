/**
 * Extracts a zip archive (a `.vsix`) with Node alone: the central directory lists the entries,
 * each stored or deflated. Enough for the packages our build writes, not a general unzip.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { inflateRawSync } from "node:zlib";

/** Extracts every file of the archive at `zip` under `into`; returns their names. */
export function unzip(zip: string, into: string): string[] {
  const buf = readFileSync(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${zip}: not a zip archive (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${zip}: damaged central directory at ${at}`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra + comment;
    if (name.endsWith("/")) continue;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    const target = normalize(join(into, name));
    if (!target.startsWith(normalize(into))) throw new Error(`${zip}: entry ${name} leaves the folder`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, method === 8 ? inflateRawSync(data) : method === 0 ? data : failMethod(zip, name, method));
    names.push(name);
  }
  return names;
}

function failMethod(zip: string, name: string, method: number): never {
  throw new Error(`${zip}: ${name} uses compression method ${method}, neither stored nor deflated`);
}
