// @ts-self-types="./resvg_wasm.d.ts"
// The resvg WebAssembly module, loaded from the npm package by a source-phase import: no
// network and no --allow-read (module loading is not a file read). It is in a .js file
// because TypeScript cannot parse `import source` yet; resvg_wasm.d.ts gives its type.
import source resvgModule from "npm:@resvg/resvg-wasm@2.6.2/index_bg.wasm";

export { resvgModule };
