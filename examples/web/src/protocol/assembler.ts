import type { Column, ResultRow, RowsMessage } from './messages';

/** What {@link ResultAssembler.add} did with one `rows` message. */
export type ChunkOutcome =
  /** Appended (with any buffered chunks it unblocked). */
  | 'appended'
  /** Arrived before an earlier seq: buffered until the gap closes or is given up. */
  | 'buffered'
  /** A seq given up as missing arrived after all: appended at the end, out of order. */
  | 'late'
  /** A seq received before: ignored. */
  | 'duplicate';

/**
 * Puts the `rows` messages of one query back together in `seq` order (docs/protocol.md,
 * Completeness check). Chunks that arrive early are buffered; {@link skipMissing} gives up on the
 * missing ones and appends what is buffered, so a caller decides how long to wait.
 *
 * `rows` is one array that only grows (never copied): a view can render from it by index.
 * Not thread-safe (browsers have one thread per page).
 */
export class ResultAssembler {
  /** Rows in seq order. */
  readonly rows: ResultRow[] = [];
  private columnList: Column[] | undefined;
  private nextSeq = 0;
  private maxSeq = -1;
  private readonly pending = new Map<number, RowsMessage>();
  private readonly received = new Set<number>();
  private readonly skipped = new Set<number>();
  private duplicateCount = 0;
  private lateCount = 0;

  /** Columns from `seq` 0; undefined until it arrives. */
  get columns(): Column[] | undefined {
    return this.columnList;
  }

  /** Number of distinct `rows` messages received. */
  get chunks(): number {
    return this.received.size;
  }

  get duplicates(): number {
    return this.duplicateCount;
  }

  /** Chunks that arrived after their seq had been given up. */
  get lateChunks(): number {
    return this.lateCount;
  }

  /** Chunks waiting for an earlier seq. */
  get buffered(): number {
    return this.pending.size;
  }

  /** The next seq needed to append in order. */
  get expectedSeq(): number {
    return this.nextSeq;
  }

  /**
   * The highest seq held together with every seq below it (-1 when seq 0 is missing): what a
   * `resume` sends as `afterSeq`. Seqs buffered above a hole or given up as missing do not count.
   */
  get contiguousSeq(): number {
    let seq = -1;
    while (this.received.has(seq + 1)) seq++;
    return seq;
  }

  /** Seqs given up as missing and still not received, ascending. */
  get skippedSeqs(): number[] {
    return [...this.skipped].sort((a, b) => a - b);
  }

  add(message: RowsMessage): ChunkOutcome {
    const seq = message.seq;
    if (this.received.has(seq)) {
      this.duplicateCount++;
      return 'duplicate';
    }
    this.received.add(seq);
    this.maxSeq = Math.max(this.maxSeq, seq);
    if (this.skipped.delete(seq)) {
      this.lateCount++;
      this.append(message);
      return 'late';
    }
    if (seq !== this.nextSeq) {
      this.pending.set(seq, message);
      return 'buffered';
    }
    this.append(message);
    this.nextSeq++;
    this.drain();
    return 'appended';
  }

  /**
   * Seqs not received below `total` (the `chunks` of `complete`) or, without it, below the highest
   * seq seen, ascending; seqs already given up included.
   */
  missing(total?: number): number[] {
    const end = Math.max(total ?? 0, this.maxSeq + 1);
    const out = this.skippedSeqs;
    for (let seq = this.nextSeq; seq < end; seq++) {
      if (!this.pending.has(seq)) out.push(seq);
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * Gives up waiting for the seqs missing below `total` (or below the highest seq seen): they are
   * recorded as skipped and the buffered chunks are appended in seq order.
   *
   * @returns the seqs newly given up
   */
  skipMissing(total?: number): number[] {
    const end = Math.max(total ?? 0, this.maxSeq + 1);
    const given: number[] = [];
    for (let seq = this.nextSeq; seq < end; seq++) {
      const chunk = this.pending.get(seq);
      if (chunk === undefined) {
        this.skipped.add(seq);
        given.push(seq);
      } else {
        this.pending.delete(seq);
        this.append(chunk);
      }
    }
    this.nextSeq = Math.max(this.nextSeq, end);
    return given;
  }

  private drain(): void {
    for (let chunk = this.pending.get(this.nextSeq); chunk; chunk = this.pending.get(this.nextSeq)) {
      this.pending.delete(this.nextSeq);
      this.append(chunk);
      this.nextSeq++;
    }
  }

  private append(message: RowsMessage): void {
    if (message.columns !== undefined && (message.seq === 0 || this.columnList === undefined)) {
      this.columnList = message.columns;
    }
    const rows = this.rows;
    for (const row of message.results) rows.push(row);
  }
}
