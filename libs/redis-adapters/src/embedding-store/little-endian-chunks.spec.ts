import {
  chunkCount,
  copyChunkInto,
  toHostByteOrder,
  toLittleEndianChunks,
} from './little-endian-chunks';

describe('little-endian chunks', () => {
  it('stores float32 values in little-endian byte order', () => {
    const [chunk] = toLittleEndianChunks(new Float32Array([1]), 16);
    // 1.0f is 0x3f800000: little-endian bytes 00 00 80 3f.
    expect([...chunk]).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  it('cuts into chunks of chunkBytes with a shorter last one', () => {
    const chunks = toLittleEndianChunks(new Int32Array([1, 2, 3, 4, 5]), 8);
    expect(chunks.map((chunk) => chunk.length)).toEqual([8, 8, 4]);
    expect(chunkCount(20, 8)).toBe(3);
  });

  it('makes no chunk for an empty array', () => {
    expect(toLittleEndianChunks(new Float32Array(0), 8)).toEqual([]);
    expect(chunkCount(0, 8)).toBe(0);
  });

  it('reassembles chunks into the exact values, whatever order they arrive in', () => {
    const values = new Float32Array([0.1, -2.5e-38, Number.NaN, 3.4e38, -0, 7]);
    const chunks = toLittleEndianChunks(values, 8);
    const target = new Float32Array(values.length);
    const bytes = new Uint8Array(target.buffer);
    for (const index of [2, 0, 1]) {
      expect(copyChunkInto(bytes, chunks[index], { index, chunkBytes: 8 })).toBe(true);
    }
    toHostByteOrder(target);
    expect(Buffer.from(target.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });

  it('takes views of a subarray at its own offset', () => {
    const whole = new Int32Array([9, 8, 7, 6]);
    const chunks = toLittleEndianChunks(whole.subarray(2), 64);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].readInt32LE(0)).toBe(7);
    expect(chunks[0].readInt32LE(4)).toBe(6);
  });

  it('rejects a chunk whose size the layout does not expect', () => {
    const bytes = new Uint8Array(12);
    expect(copyChunkInto(bytes, Buffer.alloc(4), { index: 0, chunkBytes: 8 })).toBe(false);
    expect(copyChunkInto(bytes, Buffer.alloc(8), { index: 1, chunkBytes: 8 })).toBe(false);
    expect(copyChunkInto(bytes, Buffer.alloc(4), { index: 1, chunkBytes: 8 })).toBe(true);
  });
});
