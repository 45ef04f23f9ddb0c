import type { QueryRun } from '../protocol';
import { formatCount } from './format';

export interface RowsProgressProps {
  run: QueryRun;
}

/**
 * Rows received while they arrive: a bar against the total when the server said it
 * (`progress.totalRows`), else the count alone; and rows/s once it can be measured.
 */
export function RowsProgress({ run }: RowsProgressProps) {
  const received = run.rows.length;
  const total = run.totalRows;
  if (run.finished || (received === 0 && total === undefined)) return null;
  const rate = run.rowsPerSecond;
  return (
    <div
      className="rows-progress"
      data-testid="rows-progress"
      data-received={received}
      data-total={total ?? ''}
    >
      {total !== undefined && (
        <progress data-testid="rows-progress-bar" value={Math.min(received, total)} max={Math.max(total, 1)} />
      )}
      <span data-testid="rows-progress-text">
        {formatCount(received)}
        {total !== undefined ? ` of ${formatCount(total)}` : ''} rows received
        {rate !== undefined && <> · {formatCount(Math.round(rate))} rows/s</>}
      </span>
    </div>
  );
}
