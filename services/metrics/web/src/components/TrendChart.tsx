import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api.js';
import { formatCount } from '../format.js';
import type { Trends } from '../types.js';

const RANGES = {
  '24h': { label: '24 hours', ms: 24 * 3_600_000 },
  '7d': { label: '7 days', ms: 7 * 24 * 3_600_000 },
} as const;
type RangeKey = keyof typeof RANGES;
const BUCKETS = 24;

/** Errors in 24 buckets over 24 h or 7 days: a uPlot chart, with the same numbers as a table for screen readers. */
export function TrendChart({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const [range, setRange] = useState<RangeKey>('24h');
  const [trends, setTrends] = useState<Trends>();
  const [error, setError] = useState<string>();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const to = Date.now();
    api
      .trends(projectId, new Date(to - RANGES[range].ms).toISOString(), new Date(to).toISOString(), BUCKETS)
      .then((answer) => {
        setTrends(answer);
        setError(undefined);
      })
      .catch((e: Error) => setError(e.message));
  }, [projectId, range, refreshKey]);

  useEffect(() => {
    const element = container.current;
    if (!element || !trends) return;
    const xs = trends.buckets.map((b) => Date.parse(b.start) / 1000);
    const ys = trends.buckets.map((b) => b.count);
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 220,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [{ stroke: 'currentColor' }, { stroke: 'currentColor' }],
        series: [{}, { label: 'Errors', stroke: '#c2410c', fill: 'rgba(194, 65, 12, 0.18)', width: 2 }],
        legend: { show: false },
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, element.clientWidth), height: 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [trends]);

  return (
    <section aria-labelledby="trend-heading" class="panel" data-testid="trend">
      <div class="panel-head">
        <h2 id="trend-heading">Error trend</h2>
        <fieldset class="toggle">
          <legend class="visually-hidden">Trend range</legend>
          {(Object.keys(RANGES) as RangeKey[]).map((key) => (
            <button key={key} type="button" aria-pressed={range === key} onClick={() => setRange(key)}>
              {RANGES[key].label}
            </button>
          ))}
        </fieldset>
      </div>
      {error && (
        <p role="alert" class="error">
          Could not load the trend: {error}
        </p>
      )}
      <p>
        <span data-testid="trend-total">{trends ? formatCount(trends.total) : '…'}</span> errors in the last{' '}
        {RANGES[range].label}
      </p>
      <div
        ref={container}
        class="chart"
        role="img"
        aria-label={`Errors per bucket over the last ${RANGES[range].label}`}
      />
      {trends && (
        <details>
          <summary>Show the numbers</summary>
          <table data-testid="trend-table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {trends.buckets.map((b) => (
                <tr key={b.start}>
                  <td>
                    {new Date(b.start).toLocaleString('en-GB', {
                      weekday: 'short',
                      hour: '2-digit',
                      minute: '2-digit',
                    })}
                  </td>
                  <td>{formatCount(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
