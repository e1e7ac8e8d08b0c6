import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatCount, timeAgo } from '../format.js';
import { type GroupPage, SEVERITIES } from '../types.js';

const STATUSES = ['new', 'open', 'in-progress', 'resolved'] as const;
const SORTS = { lastSeen: 'Last seen', firstSeen: 'First seen', count: 'Most events' } as const;

/** Groups of the last 7 days, searchable by message and filterable; each links to its page. */
export function GroupsList({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const [q, setQ] = useState('');
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState<keyof typeof SORTS>('lastSeen');
  const [page, setPage] = useState<GroupPage>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    // Typing settles before a query goes out.
    const timer = setTimeout(() => {
      api
        .groups(projectId, { q: q.trim(), severity, status, sort, limit: 25 })
        .then((answer) => {
          setPage(answer);
          setError(undefined);
        })
        .catch((e: Error) => setError(e.message));
    }, 250);
    return () => clearTimeout(timer);
  }, [projectId, q, severity, status, sort, refreshKey]);

  return (
    <section aria-labelledby="groups-heading" class="panel">
      <h2 id="groups-heading">Error groups (7 days)</h2>
      <form class="filters" aria-label="Filter groups" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="groups-q">Search messages</label>
          <input id="groups-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="groups-severity">Severity</label>
          <select id="groups-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="groups-status">Status</label>
          <select id="groups-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="groups-sort">Sort by</label>
          <select
            id="groups-sort"
            value={sort}
            onChange={(e) => setSort(e.currentTarget.value as keyof typeof SORTS)}
          >
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && (
        <p role="alert" class="error">
          Could not load groups: {error}
        </p>
      )}
      {page && (
        <p class="muted" aria-live="polite" data-testid="groups-total">
          {formatCount(page.total)} {page.total === 1 ? 'group' : 'groups'}
        </p>
      )}
      {page && page.groups.length > 0 && (
        <div class="table-scroll">
          <table class="groups" data-testid="groups-table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Severity</th>
                <th scope="col">Category</th>
                <th scope="col">Events</th>
                <th scope="col">Last seen</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page.groups.map((group) => (
                <tr key={group.groupId}>
                  <td>
                    <a href={`#/groups/${encodeURIComponent(group.groupId)}`}>
                      {group.message || group.groupId}
                    </a>
                    {group.component && <span class="muted"> · {group.component}</span>}
                  </td>
                  <td>
                    <span class={`badge sev-${group.severity}`}>{group.severity}</span>
                  </td>
                  <td>{group.category}</td>
                  <td>{formatCount(group.count)}</td>
                  <td>{timeAgo(group.lastSeen, Date.now())}</td>
                  <td>{group.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
