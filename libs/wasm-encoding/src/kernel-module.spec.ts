import { ValueType } from './binary-structure';
import { countDownLoop, functionBody, incrementLocal } from './function-code';
import { Op } from './instructions';
import { kernelModuleBytes } from './kernel-module';

// The WebAssembly JS API as this spec uses it (TypeScript declares it only in the DOM libs).
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => {
    buffer: ArrayBufferLike;
  };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, (...args: number[]) => number> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// sum(address, count): the f32 sum of `count` floats at `address`. Locals: 0 address, 1 count, 2 total.
const sumBody = functionBody(
  [[1, ValueType.f32]],
  [
    ...countDownLoop(1, [
      ...[...Op.localGet(2), ...Op.localGet(0), ...Op.f32Load(), ...Op.f32Add, ...Op.localSet(2)],
      ...incrementLocal(0, 4),
    ]),
    ...Op.localGet(2),
  ],
);
// splat(source, target): writes the f32 at `source` into the 4 lanes at `target` (+16 bytes offset).
const splatBody = functionBody(
  [],
  [...Op.localGet(1), ...Op.localGet(0), ...Op.v128Load32Splat(), ...Op.v128Store(16)],
);
const functions = [
  { name: 'sum', params: 2, result: ValueType.f32, body: sumBody },
  { name: 'splat', params: 2, body: splatBody },
];

function instantiate(bytes: Uint8Array, memory: object) {
  return new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports;
}

describe('kernelModuleBytes', () => {
  it('builds a module whose functions run on a shared memory', () => {
    const bytes = kernelModuleBytes(functions);
    const memory = new wasm.Memory({ initial: 1, maximum: 65_536, shared: true });
    new Float32Array(memory.buffer).set([1.5, 2, 4, 8], 0);
    const { sum, splat } = instantiate(bytes, memory);
    expect(wasm.validate(bytes)).toBe(true);
    expect(sum(4, 3)).toBe(14);
    expect(sum(0, 0)).toBe(0);
    splat(0, 32);
    expect(Array.from(new Float32Array(memory.buffer, 48, 4))).toEqual([1.5, 1.5, 1.5, 1.5]);
  });

  it('imports a plain memory when told to, and only the kind of memory it declares', () => {
    const plain = new wasm.Memory({ initial: 1 });
    new Float32Array(plain.buffer).set([3, 5], 0);
    expect(
      instantiate(kernelModuleBytes(functions, { sharedMemory: false }), plain).sum(0, 2),
    ).toBe(8);
    expect(() => instantiate(kernelModuleBytes(functions), plain)).toThrow(/memory/i);
  });
});
