import { describe, expect, it } from 'vitest';
import { ResultAssembler } from '../../src/protocol';
import { chunk, COLUMNS, rowsFrom } from './fixtures';

describe('ResultAssembler', () => {
  it('appends chunks in seq order and takes the columns from seq 0', () => {
    const a = new ResultAssembler();
    expect(a.add(chunk('r', 0, rowsFrom(0, 2)))).toBe('appended');
    expect(a.add(chunk('r', 1, rowsFrom(2, 3)))).toBe('appended');
    expect(a.columns).toEqual(COLUMNS);
    expect(a.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
    expect(a.chunks).toBe(2);
    expect(a.expectedSeq).toBe(2);
    expect(a.missing(2)).toEqual([]);
  });

  it('contiguousSeq is the highest seq held with every seq below it, also past a given-up gap', () => {
    const a = new ResultAssembler();
    expect(a.contiguousSeq).toBe(-1);
    a.add(chunk('r', 1, rowsFrom(2, 2)));
    expect(a.contiguousSeq).toBe(-1);
    a.add(chunk('r', 0, rowsFrom(0, 2)));
    a.add(chunk('r', 3, rowsFrom(6, 2)));
    expect(a.contiguousSeq).toBe(1);
    a.skipMissing();
    expect(a.expectedSeq).toBe(4);
    expect(a.contiguousSeq).toBe(1);
  });

  it('keeps an empty seq 0 (columns only) and grows one array in place', () => {
    const a = new ResultAssembler();
    const rows = a.rows;
    a.add(chunk('r', 0, []));
    a.add(chunk('r', 1, rowsFrom(0, 1)));
    expect(a.columns).toEqual(COLUMNS);
    expect(a.rows).toBe(rows);
    expect(rows).toHaveLength(1);
  });

  it('buffers a chunk that arrives early and appends it when the gap closes', () => {
    const a = new ResultAssembler();
    a.add(chunk('r', 0, rowsFrom(0, 2)));
    expect(a.add(chunk('r', 2, rowsFrom(4, 2)))).toBe('buffered');
    expect(a.add(chunk('r', 3, rowsFrom(6, 1)))).toBe('buffered');
    expect(a.rows).toHaveLength(2);
    expect(a.buffered).toBe(2);
    expect(a.missing()).toEqual([1]);
    expect(a.missing(6)).toEqual([1, 4, 5]);
    expect(a.add(chunk('r', 1, rowsFrom(2, 2)))).toBe('appended');
    expect(a.rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(a.buffered).toBe(0);
    expect(a.expectedSeq).toBe(4);
  });

  it('handles every arrival order of five chunks the same way', () => {
    const orders = [
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [1, 0, 3, 2, 4],
    ];
    for (const order of orders) {
      const a = new ResultAssembler();
      for (const seq of order) a.add(chunk('r', seq, rowsFrom(seq * 10, 10)));
      expect(a.rows.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(a.columns).toEqual(COLUMNS);
      expect(a.missing(5)).toEqual([]);
    }
  });

  it('ignores a duplicate seq and counts it', () => {
    const a = new ResultAssembler();
    a.add(chunk('r', 0, rowsFrom(0, 2)));
    expect(a.add(chunk('r', 0, rowsFrom(0, 2)))).toBe('duplicate');
    a.add(chunk('r', 2, rowsFrom(4, 1)));
    expect(a.add(chunk('r', 2, rowsFrom(4, 1)))).toBe('duplicate');
    expect(a.duplicates).toBe(2);
    expect(a.rows).toHaveLength(2);
  });

  it('skipMissing gives up on a gap, appends what was buffered, and takes a late chunk at the end', () => {
    const a = new ResultAssembler();
    a.add(chunk('r', 0, rowsFrom(0, 1)));
    a.add(chunk('r', 2, rowsFrom(2, 1)));
    a.add(chunk('r', 4, rowsFrom(4, 1)));
    expect(a.skipMissing(6)).toEqual([1, 3, 5]);
    expect(a.rows.map((r) => r.n)).toEqual([0, 2, 4]);
    expect(a.skippedSeqs).toEqual([1, 3, 5]);
    expect(a.missing(6)).toEqual([1, 3, 5]);
    expect(a.expectedSeq).toBe(6);
    expect(a.add(chunk('r', 3, rowsFrom(3, 1)))).toBe('late');
    expect(a.rows.map((r) => r.n)).toEqual([0, 2, 4, 3]);
    expect(a.skippedSeqs).toEqual([1, 5]);
    expect(a.lateChunks).toBe(1);
    expect(a.add(chunk('r', 6, rowsFrom(6, 1)))).toBe('appended');
  });

  it('without seq 0 the columns stay unknown', () => {
    const a = new ResultAssembler();
    a.add(chunk('r', 1, rowsFrom(0, 1)));
    a.skipMissing();
    expect(a.columns).toBeUndefined();
    expect(a.rows).toHaveLength(1);
    expect(a.skippedSeqs).toEqual([0]);
  });
});
