// The part of the WebAssembly JS API the kernel uses. TypeScript declares it only in the DOM libs,
// which this Node project does not load, so it is typed here.

/** A WebAssembly linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}

/** Node's global WebAssembly object, typed. */
export const webAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
