import { binaryArray } from './binary-arrays';

const ints = (b: Buffer) => Array.from({ length: b.length / 4 }, (_, i) => b.readInt32BE(i * 4));

describe('binary arrays (array_send format)', () => {
  it('writes dimensions, NULLs and int4 elements', () => {
    expect(ints(binaryArray('int', [7, null]))).toEqual([1, 1, 23, 2, 1, 4, 7, -1]);
    expect(ints(binaryArray('int', []))).toEqual([0, 0, 23]);
  });

  it('writes text as UTF-8 with its byte length', () => {
    const b = binaryArray('text', ['é', '']);
    expect(ints(b.subarray(0, 20))).toEqual([1, 0, 25, 2, 1]);
    expect(b.readInt32BE(20)).toBe(2);
    expect(b.subarray(24, 26).toString('utf8')).toBe('é');
    expect(b.readInt32BE(26)).toBe(0);
    expect(b.length).toBe(30);
  });

  it('writes bigint rids from their text', () => {
    const b = binaryArray('bigint', ['9007199254740993']);
    expect(b.readUInt32BE(8)).toBe(20);
    expect(b.readBigInt64BE(24)).toBe(9007199254740993n);
  });
});
