import { unsignedLeb } from './leb128';

// The containers of the binary format (https://webassembly.github.io/spec/core/binary/modules.html).

/** A vector: its length, then its items. */
export function encodeVector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

/** A name as UTF-8 bytes (ASCII here) with its length. */
export function encodeName(name: string): number[] {
  return encodeVector(Array.from(name, (char) => [char.charCodeAt(0)]));
}

/** A section: id, byte size, content. */
export function encodeSection(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** Value type bytes of locals, parameters and results. */
export const ValueType = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;
