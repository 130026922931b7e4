import { encodeVector } from './binary-structure';
import { Op } from './instructions';
import { unsignedLeb } from './leb128';

/** Adds `by` to an i32 local. */
export function incrementLocal(local: number, by: number): number[] {
  return [...Op.localGet(local), ...Op.i32Const(by), ...Op.i32Add, ...Op.localSet(local)];
}

/** Runs `body` while the i32 local `count` is not zero, decrementing it after each run. */
export function countDownLoop(count: number, body: number[]): number[] {
  return [
    ...Op.block,
    ...Op.loop,
    ...[...Op.localGet(count), ...Op.i32Eqz, ...Op.brIf(1)],
    ...body,
    ...incrementLocal(count, -1),
    ...Op.br(0),
    ...Op.end,
    ...Op.end,
  ];
}

/** A function: its locals (after the parameters, groups of [count, type] in order), then its code. */
export function functionBody(locals: [number, number][], code: number[]): number[] {
  const declared = encodeVector(locals.map(([count, type]) => [...unsignedLeb(count), type]));
  const body = [...declared, ...code, ...Op.end];
  return [...unsignedLeb(body.length), ...body];
}
