// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualTable, visibleRange } from '../../src/app/VirtualTable';
import type { ResultRow } from '../../src/protocol';
import { COLUMNS } from '../protocol/fixtures';
import { mustGet, render } from './render';

const ROWS = 100_000;
const rows: ResultRow[] = Array.from({ length: ROWS }, (_, i) => ({ eventname: `e${i}`, n: i % 3 === 0 ? null : i }));

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function rendered(container: HTMLElement): number[] {
  return [...container.querySelectorAll('[data-testid="result-row"]')].map((r) =>
    Number(r.getAttribute('data-row-index')),
  );
}

function scrollTo(el: HTMLElement, top: number): void {
  act(() => {
    el.scrollTop = top;
    el.dispatchEvent(new Event('scroll'));
  });
}

describe('VirtualTable', () => {
  it('renders only a window of 100,000 rows and moves it on scroll', () => {
    const t = render(<VirtualTable columns={COLUMNS} rows={rows} rowCount={ROWS} height={280} rowHeight={28} overscan={5} />);
    cleanup = t.unmount;
    const table = mustGet(t.container, 'result-table');
    // 280 px / 28 px = 10 rows in view, one partly visible, plus 5 below; none above row 0
    expect(rendered(t.container)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(table.getAttribute('aria-rowcount')).toBe('100000');
    const spacer = table.firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe(`${(ROWS + 1) * 28}px`);

    scrollTo(table, 50_000 * 28);
    expect(rendered(t.container)).toEqual(Array.from({ length: 21 }, (_, i) => 49_995 + i));
    const row = t.container.querySelector('[data-row-index="50000"]') as HTMLElement;
    expect(row.style.top).toBe(`${50_001 * 28}px`);
    expect(row.textContent).toBe('50001e5000050000');

    scrollTo(table, ROWS * 28);
    expect(rendered(t.container)).toEqual(Array.from({ length: 15 }, (_, i) => ROWS - 15 + i));
  });

  it('shows NULL apart from text and JSON for nested values', () => {
    const t = render(
      <VirtualTable
        columns={[{ name: 'a', type: 'varchar' }, { name: 'b', type: 'array(integer)' }]}
        rows={[{ a: null, b: [1, null] }, { a: '', b: { k: 'v' } }]}
        rowCount={2}
      />,
    );
    cleanup = t.unmount;
    const cells = [...t.container.querySelectorAll('[role="cell"]')].map((c) => [c.textContent, c.className]);
    expect(cells).toEqual([
      ['NULL', 'vt-cell null'],
      ['[1,null]', 'vt-cell'],
      ['', 'vt-cell'],
      ['{"k":"v"}', 'vt-cell'],
    ]);
    const header = mustGet(t.container, 'result-header');
    expect(header.textContent).toBe('#avarcharbarray(integer)');
  });

  it('shows rows appended to the same array once rowCount grows', () => {
    const growing: ResultRow[] = [{ eventname: 'a', n: 1 }];
    const t = render(<VirtualTable columns={COLUMNS} rows={growing} rowCount={1} />);
    cleanup = t.unmount;
    growing.push({ eventname: 'b', n: 2 });
    act(() => t.root.render(<VirtualTable columns={COLUMNS} rows={growing} rowCount={2} />));
    expect(rendered(t.container)).toEqual([0, 1]);
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus overscan and clamps to the rows there are', () => {
    expect(visibleRange(0, 280, 28, 0, 5)).toEqual([0, 0]);
    expect(visibleRange(0, 280, 28, 3, 5)).toEqual([0, 3]);
    expect(visibleRange(1400, 280, 28, 1000, 5)).toEqual([45, 66]);
    expect(visibleRange(1414, 280, 28, 1000, 0)).toEqual([50, 61]);
    // scrolled past the end (a smaller result replaced a larger one): the last screenful
    expect(visibleRange(1e9, 280, 28, 1000, 5)).toEqual([985, 1000]);
  });
});
