import { encodeName, encodeSection, encodeVector } from './binary-structure';
import { signedLeb, unsignedLeb } from './leb128';

describe('WebAssembly binary encoding', () => {
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

  it('prefixes a vector and a name with their lengths, a section with its id and size', () => {
    expect(encodeVector([[1, 2], [3]])).toEqual([2, 1, 2, 3]);
    expect(encodeName('env')).toEqual([3, 0x65, 0x6e, 0x76]);
    expect(encodeSection(7, new Array<number>(200).fill(9)).slice(0, 4)).toEqual([
      7, 0xc8, 0x01, 9,
    ]);
  });
});
