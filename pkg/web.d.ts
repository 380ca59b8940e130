// Types of the `mfalint/web` entry: the API of index.d.ts, usable after
// `await init()` (or `initSync`).
export * from './index.js';

export interface InitOptions {
  /** Where to get the .wasm: a URL (default: `web/mfalint_bg.wasm` next to
   * the glue, via `import.meta.url`), a `Response`, bytes or a compiled
   * module. */
  module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module
    | Promise<Response | BufferSource | WebAssembly.Module>;
}

/** Fetches and instantiates the .wasm (once). */
export default function init(options?: InitOptions): Promise<void>;

/** Instantiates the .wasm synchronously from bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): void;
