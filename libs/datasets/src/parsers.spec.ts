import { IdIndex } from './id-index';
import { parseEventsCsv } from './parse-events-csv';
import { parseLightGcn } from './parse-lightgcn';
import { parseMovieLens } from './parse-movielens';
import { parseDataset } from './dataset-format';

describe('parseMovieLens', () => {
  it('indexes ids by first appearance and maps ratings to liked, neutral and unliked', () => {
    const table = parseMovieLens(
      '196\t242\t3\t881250949\n186\t302\t5\t891717742\r\n196\t302\t1\t2\n',
    );
    expect(table.userIds).toEqual(['196', '186']);
    expect(table.itemIds).toEqual(['242', '302']);
    expect(Array.from(table.users)).toEqual([0, 1, 0]);
    expect(Array.from(table.items)).toEqual([0, 1, 1]);
    expect(Array.from(table.signals)).toEqual([0, 1, -1]);
    expect(Array.from(table.weights)).toEqual([0, 1, 0]);
    expect(Array.from(table.ratings)).toEqual([3, 5, 1]);
    expect(table.timestampsMs[0]).toBe(881250949000);
  });

  it('names the line of a malformed row', () => {
    expect(() => parseMovieLens('1\t2\t3\t4\n1\t2\tfive\t4')).toThrow('movielens line 2');
    expect(() => parseMovieLens('1 2 3')).toThrow('expected 4 fields, found 3');
  });
});

describe('parseLightGcn', () => {
  it('reads one user per line with all of its items as liked pairs', () => {
    const table = parseLightGcn('0 5 7\n3 7\n9\n');
    expect(table.userIds).toEqual(['0', '3', '9']);
    expect(table.itemIds).toEqual(['5', '7']);
    expect(Array.from(table.users)).toEqual([0, 0, 1]);
    expect(Array.from(table.items)).toEqual([0, 1, 1]);
    expect(Array.from(table.signals)).toEqual([1, 1, 1]);
    expect(Number.isNaN(table.timestampsMs[0])).toBe(true);
  });

  it('shares indices with an earlier file when given its indices', () => {
    const indices = { users: new IdIndex(['3']), items: new IdIndex(['7', '5']) };
    const table = parseLightGcn('0 5\n3 7 8', indices);
    expect(table.userIds).toEqual(['3', '0']);
    expect(table.itemIds).toEqual(['7', '5', '8']);
    expect(Array.from(table.users)).toEqual([1, 0, 0]);
    expect(Array.from(table.items)).toEqual([1, 0, 2]);
  });
});

describe('parseEventsCsv', () => {
  const header = 'userId,itemId,type,value,timestamp';

  it('classifies events like the ingestor and reads both timestamp forms', () => {
    const text = [
      header,
      'u1,i1,purchase,,2024-01-01T00:00:00Z',
      'u1,i2,dislike,,1700000000000',
      'u2,"i,3",rating,3,',
      'u2,i1,rating,5,',
      'u2,i4,view,,',
    ].join('\n');
    const table = parseEventsCsv(text);
    expect(table.userIds).toEqual(['u1', 'u2']);
    expect(table.itemIds).toEqual(['i1', 'i2', 'i,3', 'i4']);
    expect(Array.from(table.signals)).toEqual([1, -1, 0, 1, 0]);
    expect(Array.from(table.weights)).toEqual([3, 0, 0, 2, 0]);
    expect(table.timestampsMs[0]).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(table.timestampsMs[1]).toBe(1700000000000);
    expect(table.ratings[2]).toBe(3);
  });

  it('accepts any column order', () => {
    const table = parseEventsCsv('type,timestamp,itemId,userId,value\nlike,,b,a,');
    expect(table.userIds).toEqual(['a']);
    expect(table.itemIds).toEqual(['b']);
    expect(table.signals[0]).toBe(1);
  });

  it('reads quoted fields that hold line breaks, commas and doubled quotes (RFC 4180)', () => {
    const rows = [header, 'u1,"item\nwith, break",like,,', '', 'u2,"say ""hi""",click,,'];
    const text = rows.join('\r\n');
    const table = parseEventsCsv(text);
    expect(table.itemIds).toEqual(['item\nwith, break', 'say "hi"']);
    expect(table.userIds).toEqual(['u1', 'u2']);
    expect(() => parseEventsCsv(`${text}\r\nu3,i3,teleport,,`)).toThrow(
      'events-csv line 6: unknown type "teleport"',
    );
  });

  it('names the line of an unclosed or stray quote', () => {
    expect(() => parseEventsCsv(`${header}\nu1,i1,like,,\nu2,"i2,like,,\nu3,i3,like,,`)).toThrow(
      /events-csv line \d+: Quote Not Closed/,
    );
    expect(() => parseEventsCsv(`${header}\nu1,i"1,like,,`)).toThrow(
      'events-csv line 2: Invalid Opening Quote',
    );
  });

  it('rejects a missing header column, an unknown type and a bad timestamp', () => {
    expect(() => parseEventsCsv('userId,itemId,type\nu,i,click')).toThrow('value, timestamp');
    expect(() => parseEventsCsv(`${header}\nu,i,teleport,,`)).toThrow('line 2: unknown type');
    expect(() => parseEventsCsv(`${header}\nu,i,click,,yesterday`)).toThrow('neither ISO');
    expect(() => parseEventsCsv('')).toThrow('missing header');
  });
});

describe('parseDataset', () => {
  it('dispatches on the format name', () => {
    expect(parseDataset('1 2', 'lightgcn').itemIds).toEqual(['2']);
    expect(() => parseDataset('', 'xml' as never)).toThrow('unknown format');
  });
});
