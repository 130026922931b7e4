import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Compiled modules of this thread, by file. */
const compiled = new Map<string, WebAssembly.Module>();

/**
 * The exports of the WebAssembly module `name` that a lib ships, instantiated over `memory` (its
 * `env.memory` import). `srcDir` is the calling file's folder (`__dirname`): `libs/<lib>/src` under jest
 * and the benchmarks, `dist/libs/<lib>/src` once compiled; the module is `<srcDir>/../wasm/<name>.wasm`
 * in both, written there by `npm run build` from `libs/<lib>/assembly/<name>.wat`. Compiled once per thread.
 */
export function instantiateLibWasm<T>(
  srcDir: string,
  name: string,
  memory: WebAssembly.Memory,
  /** Further `env` imports (e.g. Math.exp for a module that needs it). */
  functions: Record<string, (...args: number[]) => number> = {},
): T {
  const file = join(srcDir, '..', 'wasm', `${name}.wasm`);
  let module = compiled.get(file);
  if (module === undefined) {
    module = new WebAssembly.Module(readModuleFile(file, name));
    compiled.set(file, module);
  }
  return new WebAssembly.Instance(module, { env: { ...functions, memory } }).exports as T;
}

function readModuleFile(file: string, name: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const lib = basename(dirname(dirname(file)));
    throw new Error(
      `WebAssembly module ${file} cannot be read (run \`npm run build\`: it compiles libs/${lib}/assembly/${name}.wat)`,
      { cause: error },
    );
  }
}
