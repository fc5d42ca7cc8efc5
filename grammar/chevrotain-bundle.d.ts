/** Types of chevrotain's single-file bundle (lib/chevrotain.mjs): the package's own API. */
declare module "*/chevrotain/lib/chevrotain.mjs" {
  export * from "chevrotain";
}
