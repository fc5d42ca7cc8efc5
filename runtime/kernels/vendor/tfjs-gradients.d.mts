// Side-effect module: registers every tfjs-core gradient on the global gradient registry.
export {};
