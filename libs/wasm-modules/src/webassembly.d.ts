// The part of the WebAssembly JS API the kernels use. TypeScript declares WebAssembly only in lib.dom, which
// a Node project does not load; Node 20 implements all of it (SIMD and shared memories included).
declare namespace WebAssembly {
  interface MemoryDescriptor {
    /** Size in 64 KiB pages. */
    initial: number;
    maximum?: number;
    /** Shared: the buffer is a SharedArrayBuffer that worker threads can use without a copy. */
    shared?: boolean;
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    /** Adds `pages` pages; returns the previous size in pages. */
    grow(pages: number): number;
  }

  class Module {
    constructor(bytes: Uint8Array);
  }

  type ExportValue = (...args: number[]) => number | void;

  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory>>);
    readonly exports: Record<string, ExportValue>;
  }

  function validate(bytes: Uint8Array): boolean;
}
