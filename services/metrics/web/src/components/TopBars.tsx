import { formatCount } from '../format.js';
import type { Top } from '../types.js';

/** Horizontal bars scaled to the largest entry; the numbers are text, the bars decoration. */
export function TopBars({
  title,
  id,
  top,
  emptyKey,
}: {
  title: string;
  id: string;
  top: Top | undefined;
  emptyKey?: string;
}) {
  const max = Math.max(1, ...(top?.entries.map((e) => e.count) ?? []));
  return (
    <section aria-labelledby={`${id}-heading`} class="panel" data-testid={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {!top ? (
        <p>Loading…</p>
      ) : top.entries.length === 0 ? (
        <p>No errors in the last 24 hours.</p>
      ) : (
        <ul class="bars">
          {top.entries.map((entry) => (
            <li key={entry.key}>
              <span class="bar-label">{entry.key || emptyKey || '(none)'}</span>
              <span class="bar-track" aria-hidden="true">
                <span class="bar-fill" style={{ width: `${(entry.count / max) * 100}%` }} />
              </span>
              <span class="bar-value">
                {formatCount(entry.count)} <span class="muted">({(entry.share * 100).toFixed(0)}%)</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
