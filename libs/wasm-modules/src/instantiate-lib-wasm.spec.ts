import { join } from 'node:path';
import { instantiateLibWasm } from './instantiate-lib-wasm';

// vector-index's code kernel, loaded as that lib does (from its src folder), over a memory of our own.
const VECTOR_INDEX_SRC = join(__dirname, '..', '..', 'vector-index', 'src');

interface CodeKernel {
  codeDots(query: number, codes: number, count: number, steps: number, out: number): void;
}

describe('instantiateLibWasm', () => {
  it('instantiates a built kernel over the given memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65_536, shared: true });
    const kernel = instantiateLibWasm<CodeKernel>(VECTOR_INDEX_SRC, 'code-kernel', memory);
    // One step: an i16 query of 16 dimensions (32 bytes) and one i8 code row of 16 bytes.
    new Int16Array(memory.buffer, 0, 16).set(Array.from({ length: 16 }, (_, d) => d - 3));
    new Int8Array(memory.buffer, 64, 16).set(Array.from({ length: 16 }, (_, d) => 2 - d));
    kernel.codeDots(0, 64, 1, 1, 128);
    const expected = Array.from({ length: 16 }, (_, d) => (d - 3) * (2 - d)).reduce(
      (a, b) => a + b,
    );
    expect(new Int32Array(memory.buffer, 128, 1)[0]).toBe(expected);
  });

  it('names the source and the build command when the module file is missing', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const missing = join(__dirname, '..', '..', 'no-such-lib', 'src');
    expect(() => instantiateLibWasm(missing, 'some-kernel', memory)).toThrow(
      /no-such-lib\/wasm\/some-kernel\.wasm cannot be read \(run `npm run build`: it compiles libs\/no-such-lib\/assembly\/some-kernel\.wat\)/,
    );
  });
});
