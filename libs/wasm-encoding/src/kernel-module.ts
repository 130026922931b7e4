import { encodeName, encodeSection, encodeVector, ValueType } from './binary-structure';
import { unsignedLeb } from './leb128';

/** One exported function of a kernel module: `params` i32 parameters, at most one result. */
export interface KernelFunction {
  name: string;
  params: number;
  /** A ValueType; none when the function returns nothing. */
  result?: number;
  /** From functionBody(). */
  body: number[];
}

/** How the module imports `env.memory`. */
export interface KernelModuleOptions {
  /**
   * true (default): a shared memory of up to 65,536 pages (4 GiB) that worker threads can share;
   * false: a plain memory of at least 1 page and no maximum (`new WebAssembly.Memory({ initial })`).
   */
  sharedMemory?: boolean;
}

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const MAX_MEMORY_PAGES = 65_536;

/**
 * A module of functions that take only i32 parameters and return nothing or one value, importing the
 * memory `env.memory` (shared unless told otherwise) and exporting each function under its name.
 */
export function kernelModuleBytes(
  functions: KernelFunction[],
  { sharedMemory = true }: KernelModuleOptions = {},
): Uint8Array {
  const i32s = (count: number) =>
    encodeVector(Array.from({ length: count }, () => [ValueType.i32]));
  const results = (type?: number) => encodeVector(type === undefined ? [] : [[type]]);
  const types = functions.map((fn) => [0x60, ...i32s(fn.params), ...results(fn.result)]);
  const memoryImport = [...encodeName('env'), ...encodeName('memory'), 0x02, ...memoryLimits(sharedMemory)]; // prettier-ignore
  return Uint8Array.from([
    ...MAGIC_AND_VERSION,
    ...encodeSection(1, encodeVector(types)),
    ...encodeSection(2, encodeVector([memoryImport])),
    ...encodeSection(3, encodeVector(functions.map((_, index) => unsignedLeb(index)))),
    ...encodeSection(7, encodeVector(functions.map((fn, index) => [...encodeName(fn.name), 0x00, ...unsignedLeb(index)]))), // prettier-ignore
    ...encodeSection(10, encodeVector(functions.map((fn) => fn.body))),
  ]);
}

/** Limits flag 3: shared, with a maximum (required for shared memories); flag 0: a minimum only. */
function memoryLimits(shared: boolean): number[] {
  return shared ? [0x03, 1, ...unsignedLeb(MAX_MEMORY_PAGES)] : [0x00, 1];
}
