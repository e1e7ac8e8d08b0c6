import { type AlertMap, countActive } from '../alerts-state.js';
import { formatCount } from '../format.js';
import { SEVERITIES, type Top } from '../types.js';

/** One card per severity: active alerts (firing / acknowledged) and errors in the last 24 h. */
export function StatusCounts({ alerts, bySeverity }: { alerts: AlertMap; bySeverity: Top | undefined }) {
  const active = countActive(alerts);
  return (
    <section aria-labelledby="status-heading" class="panel">
      <h2 id="status-heading">Status by severity</h2>
      <ul class="severity-cards">
        {SEVERITIES.map((severity) => {
          const errors = bySeverity?.entries.find((e) => e.key === severity)?.count ?? 0;
          const { firing, acknowledged } = active[severity];
          return (
            <li key={severity} class={`severity-card sev-${severity}`} data-testid={`severity-${severity}`}>
              <h3>{severity}</h3>
              <p>
                <span class="big" data-testid={`active-${severity}`}>
                  {firing + acknowledged}
                </span>{' '}
                active {firing + acknowledged === 1 ? 'alert' : 'alerts'}
              </p>
              <p class="muted">
                {firing} firing, {acknowledged} acknowledged
              </p>
              <p>
                <span data-testid={`errors-${severity}`}>{bySeverity ? formatCount(errors) : '…'}</span>{' '}
                errors in 24 h
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
