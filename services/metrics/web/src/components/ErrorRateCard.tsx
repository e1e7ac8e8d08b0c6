import { describeChange, formatCount, formatRate, percentChange } from '../format.js';
import type { ErrorRate } from '../types.js';

/** Errors per minute over the last hour, against the hour before. */
export function ErrorRateCard({
  rate,
  previous,
}: {
  rate: ErrorRate | undefined;
  previous: ErrorRate | undefined;
}) {
  const change = rate && previous ? percentChange(rate.total, previous.total) : undefined;
  const trend = change === undefined ? 'new' : change > 0.5 ? 'up' : change < -0.5 ? 'down' : 'flat';
  return (
    <section aria-labelledby="rate-heading" class="panel">
      <h2 id="rate-heading">Error rate</h2>
      {!rate || !previous ? (
        <p>Loading…</p>
      ) : (
        <>
          <p>
            <span class="big" data-testid="rate-per-minute">
              {formatRate(rate.perMinute)}
            </span>{' '}
            errors per minute over the last hour
          </p>
          <p class={`change change-${trend}`} data-testid="rate-change">
            <span aria-hidden="true">{trend === 'up' ? '▲ ' : trend === 'down' ? '▼ ' : ''}</span>
            {describeChange(change)}
          </p>
          <p class="muted">
            <span data-testid="rate-total">{formatCount(rate.total)}</span> errors in the last hour,{' '}
            {formatCount(previous.total)} in the hour before
          </p>
        </>
      )}
    </section>
  );
}
