/**
 * The compiled resvg WebAssembly module (`@resvg/resvg-wasm/index_bg.wasm`), for `initWasm`.
 *
 * @module
 */

/** The resvg WebAssembly module, compiled but not instantiated. */
export declare const resvgModule: WebAssembly.Module;
