/**
 * The prettier options `dl fmt` takes from a project: found as prettier finds them (the nearest
 * `.prettierrc`, `.prettierrc.json|yaml|yml|toml|json5`, `package.json` "prettier", ...), but read
 * as data only. A configuration that is code (`prettier.config.js`, `.prettierrc.mjs`, ...) or
 * names a module to load (a shared config string, `plugins`) is never loaded: formatting a hostile
 * folder must not run its code. Only the layout options below apply.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as prettier from "prettier";

const allowed = ["printWidth", "tabWidth", "useTabs", "endOfLine"] as const;

export interface ProjectOptions {
  options: Partial<Record<(typeof allowed)[number], unknown>>;
  /** Set when a configuration file was found but not read, and why. */
  ignored?: string;
}

/** The layout options for formatting `file`. */
export async function projectOptions(file: string): Promise<ProjectOptions> {
  const found = await prettier.resolveConfigFile(file);
  if (!found) return { options: {} };
  const name = basename(found);
  if (/\.(c|m)?(j|t)s$/.test(name)) return { options: {}, ignored: `${found} is code; dl fmt reads configuration as data only` };
  let data: unknown;
  try {
    const text = readFileSync(found, "utf8");
    data = name === "package.json" ? (JSON.parse(text) as { prettier?: unknown }).prettier : parseData(text, name);
  } catch {
    return { options: {}, ignored: `${found} could not be read as JSON, YAML or TOML` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { options: {}, ignored: `${found} names a shared configuration module, which dl fmt does not load` };
  const options: ProjectOptions["options"] = {};
  for (const key of allowed) if (key in data) options[key] = (data as Record<string, unknown>)[key];
  return { options };
}

/** JSON, else flat YAML (`key: value`) or TOML (`key = value`) of scalars. */
function parseData(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    /* not JSON */
  }
  const separator = name.endsWith(".toml") ? "=" : ":";
  const lines = text.split(/\r?\n/).map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
  if (!lines.every((l) => l.includes(separator))) return lines.join(" ");
  const out: Record<string, unknown> = {};
  for (const line of lines) {
    const at = line.indexOf(separator);
    const key = line.slice(0, at).trim().replace(/^["']|["']$/g, "");
    const raw = line.slice(at + 1).trim().replace(/^["']|["']$/g, "");
    out[key] = /^\d+$/.test(raw) ? Number(raw) : raw === "true" ? true : raw === "false" ? false : raw;
  }
  return out;
}
