import { distanceKernelBytes } from './distance-kernel';
import { encodeVector, signedLeb, unsignedLeb } from './wasm-encoding';

describe('WebAssembly encoding', () => {
  it('writes LEB128 as the specification examples do', () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('prefixes a vector with its length', () => {
    expect(encodeVector([[1, 2], [3]])).toEqual([2, 1, 2, 3]);
  });

  it('produces a module that the engine validates', () => {
    expect(WebAssembly.validate(distanceKernelBytes())).toBe(true);
  });
});
