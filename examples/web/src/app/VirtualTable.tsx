import { useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { Column, ResultRow } from '../protocol';
import { cellText } from './format';

export interface VirtualTableProps {
  columns: Column[];
  /** Only rows[0 .. rowCount) are shown; the array may grow between renders. */
  rows: ResultRow[];
  rowCount: number;
  /** Viewport height in px, used until the element has a measured height (and in tests). */
  height?: number;
  rowHeight?: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
}

export const ROW_HEIGHT = 28;
const INDEX_WIDTH = 72;
/** Athena number types, right-aligned. */
const NUMERIC = /^(tinyint|smallint|integer|int|bigint|real|double|float|decimal)\b/;

/**
 * Which rows a scroll position shows, as [first, end): the rows in view (one more for a partly
 * visible row) plus `overscan` on each side. A scroll position past the end (the rows shrank) is
 * clamped to the last screenful. Pure, so it is tested on its own.
 */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): [number, number] {
  const inView = Math.ceil(viewport / rowHeight);
  const top = Math.min(Math.floor(scrollTop / rowHeight), Math.max(0, rowCount - inView));
  const first = Math.max(0, top - overscan);
  return [first, Math.max(first, Math.min(rowCount, top + inView + 1 + overscan))];
}

/** Column widths in px from the header and a sample of the first rows. */
function columnWidths(columns: Column[], rows: ResultRow[]): number[] {
  const sample = rows.slice(0, 50);
  return columns.map((c) => {
    // The header shows the name and, smaller, the type.
    let chars = c.name.length + 0.8 * c.type.length + 1;
    for (const row of sample) chars = Math.max(chars, cellText(row[c.name]).length);
    return Math.min(360, Math.max(80, chars * 7.5 + 20));
  });
}

/**
 * A table that renders only the rows in view (plus `overscan`), each `rowHeight` px high and
 * absolutely positioned inside a spacer as tall as all rows: 100,000 rows cost as much as 40.
 */
export function VirtualTable({
  columns,
  rows,
  rowCount,
  height = 480,
  rowHeight = ROW_HEIGHT,
  overscan = 8,
}: VirtualTableProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [measured, setMeasured] = useState(0);
  const widths = useMemo(
    () => columnWidths(columns, rows),
    // Fixed once the first rows are there (rows grows in place), so columns never shift.
    [columns, rows, rowCount > 0],
  );

  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMeasured(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const numeric = useMemo(() => columns.map((c) => NUMERIC.test(c.type)), [columns]);
  const viewport = measured > 0 ? measured : height;
  const [first, end] = visibleRange(scrollTop, viewport, rowHeight, rowCount, overscan);
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);
  const template = `${INDEX_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;

  const visible = [];
  for (let i = first; i < end; i++) {
    const row = rows[i];
    visible.push(
      <div
        key={i}
        className={i % 2 === 0 ? 'vt-row' : 'vt-row odd'}
        role="row"
        data-testid="result-row"
        data-row-index={i}
        style={{ top: (i + 1) * rowHeight, height: rowHeight, gridTemplateColumns: template }}
      >
        <div className="vt-cell vt-index" role="rowheader">
          {i + 1}
        </div>
        {columns.map((c, k) => {
          const value = row[c.name];
          const text = cellText(value);
          const nullClass = value === null || value === undefined ? ' null' : '';
          return (
            <div
              key={c.name}
              className={`vt-cell${numeric[k] ? ' num' : ''}${nullClass}`}
              role="cell"
              title={text.length > 30 ? text : undefined}
            >
              {text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="vt"
      role="table"
      aria-rowcount={rowCount}
      data-testid="result-table"
      data-first-row={first}
      data-end-row={end}
      style={{ height }}
      onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vt-spacer" style={{ height: (rowCount + 1) * rowHeight, width: totalWidth }}>
        <div
          className="vt-row vt-header"
          role="row"
          data-testid="result-header"
          style={{ height: rowHeight, gridTemplateColumns: template }}
        >
          <div className="vt-cell vt-index" role="columnheader">
            #
          </div>
          {columns.map((c) => (
            <div key={c.name} className="vt-cell" role="columnheader" title={c.type}>
              {c.name}
              <span className="vt-type">{c.type}</span>
            </div>
          ))}
        </div>
        {visible}
      </div>
    </div>
  );
}
