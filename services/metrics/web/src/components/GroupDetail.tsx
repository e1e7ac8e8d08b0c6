import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatCount, formatTime } from '../format.js';
import type { GroupEventsPage, StackFrame, StoredEvent } from '../types.js';
import { GroupInvestigation } from './GroupInvestigation.js';
import { GroupTicket } from './GroupTicket.js';

/** One group: its ticket, its investigation, its latest event's stack trace and fingerprint, and its recent events. */
export function GroupDetail({ projectId, groupId }: { projectId: string; groupId: string }) {
  const [events, setEvents] = useState<GroupEventsPage>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    document.getElementById('main')?.focus();
    api
      .groupEvents(projectId, groupId)
      .then(setEvents)
      .catch((e: Error) => setError(e.message));
  }, [projectId, groupId]);

  const latest = events?.events[0];
  return (
    <>
      <p>
        <a href="#/">← Back to the overview</a>
      </p>
      <section aria-labelledby="group-heading" class="panel">
        <h2 id="group-heading">{latest?.message ?? `Group ${groupId}`}</h2>
        {error && (
          <p role="alert" class="error">
            Could not load the group: {error}
          </p>
        )}
        {latest && <GroupFacts latest={latest} total={events?.total ?? 0} groupId={groupId} />}
      </section>
      <GroupTicket projectId={projectId} groupId={groupId} />
      <GroupInvestigation projectId={projectId} groupId={groupId} />
      {latest && <StackTrace event={latest} />}
      {latest?.categorized.fingerprint && (
        <section aria-labelledby="fingerprint-heading" class="panel">
          <h2 id="fingerprint-heading">Fingerprint</h2>
          <p>
            Grouped by <strong>{latest.categorized.fingerprint.method}</strong> from these parts:
          </p>
          <ol class="fingerprint">
            {latest.categorized.fingerprint.parts.map((part, index) => (
              <li key={index}>
                <code>{part}</code>
              </li>
            ))}
          </ol>
        </section>
      )}
      {events && (
        <section aria-labelledby="events-heading" class="panel">
          <h2 id="events-heading">Recent events</h2>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Level</th>
                  <th scope="col">Component</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {events.events.map((event) => (
                  <tr key={event.eventId}>
                    <td>{formatTime(event.time)}</td>
                    <td>{event.level}</td>
                    <td>{event.component || '—'}</td>
                    <td>{event.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function GroupFacts({ latest, total, groupId }: { latest: StoredEvent; total: number; groupId: string }) {
  const inner = latest.categorized.event;
  return (
    <dl class="facts">
      <dt>Events (7 days)</dt>
      <dd data-testid="group-total">{formatCount(total)}</dd>
      <dt>Severity</dt>
      <dd>
        <span class={`badge sev-${latest.severity}`}>{latest.severity}</span>
      </dd>
      <dt>Category</dt>
      <dd>{latest.category}</dd>
      <dt>Team</dt>
      <dd>{latest.team}</dd>
      <dt>Component</dt>
      <dd>{latest.component || '—'}</dd>
      {inner?.environment && (
        <>
          <dt>Environment</dt>
          <dd>{inner.environment}</dd>
        </>
      )}
      {inner?.release && (
        <>
          <dt>Release</dt>
          <dd>{inner.release}</dd>
        </>
      )}
      <dt>Group id</dt>
      <dd>
        <code>{groupId}</code>
      </dd>
    </dl>
  );
}

function StackTrace({ event }: { event: StoredEvent }) {
  const exceptions = event.categorized.event?.exception ?? [];
  if (exceptions.length === 0) return null;
  return (
    <section aria-labelledby="stack-heading" class="panel">
      <h2 id="stack-heading">Stack trace</h2>
      {exceptions.map((exception, index) => (
        <div key={index}>
          <p>
            <strong>{exception.type}</strong>: {exception.value}
          </p>
          {exception.frames && (
            // Frames arrive oldest first (Sentry order); the crashing frame reads best on top.
            <ol class="frames">
              {[...exception.frames].reverse().map((frame, i) => (
                <li key={i} class={frame.inApp ? 'in-app' : ''}>
                  <code>{describeFrame(frame)}</code>
                  {frame.contextLine && <pre>{frame.contextLine}</pre>}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}

function describeFrame(frame: StackFrame): string {
  const where = frame.filename ?? frame.module ?? '?';
  const position =
    frame.lineno === undefined ? '' : `:${frame.lineno}${frame.colno === undefined ? '' : `:${frame.colno}`}`;
  return `${frame.function ?? '<anonymous>'} (${where}${position})`;
}
