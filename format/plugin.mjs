// JavaScript entry of the DL prettier plugin, for `prettier --plugin ./format/plugin.mjs file.dl`:
// prettier imports plugins with plain Node, so this registers tsx's loader before loading the
// TypeScript sources.
import { register } from "tsx/esm/api";

register();
const plugin = (await import("./plugin.ts")).default;

export const { languages, parsers, printers, defaultOptions } = plugin;
export default plugin;
