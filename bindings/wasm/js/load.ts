// Where the WebAssembly is made ready before the package's first call. For
// Node, the glue instantiates it as it is required; for the web, the
// build writes this module's place with one that fetches and instantiates
// it (top-level await), so that every function of the package is
// synchronous everywhere.
export {};
