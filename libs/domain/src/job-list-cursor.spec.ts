import { decodeJobCursor, encodeJobCursor } from './job-list-cursor';

describe('job list cursor', () => {
  it('round-trips a queue position', () => {
    expect(decodeJobCursor(encodeJobCursor('1'))).toBe('1');
    expect(decodeJobCursor(encodeJobCursor('922337203685477580'))).toBe('922337203685477580');
  });

  it('refuses what this service did not make', () => {
    expect(decodeJobCursor('')).toBeNull();
    expect(decodeJobCursor('not a cursor')).toBeNull();
    expect(decodeJobCursor(encodeJobCursor('0'))).toBeNull();
    expect(decodeJobCursor(encodeJobCursor('-5'))).toBeNull();
    expect(decodeJobCursor(encodeJobCursor('12abc'))).toBeNull();
    expect(decodeJobCursor(`${encodeJobCursor('12')}=`)).toBeNull();
  });
});
