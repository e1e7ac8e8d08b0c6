import { useState } from 'preact/hooks';
import { type AlertMap, sortedAlerts } from '../alerts-state.js';
import { api } from '../api.js';
import { formatCount, formatTime } from '../format.js';
import type { AlertView } from '../types.js';

const ACTOR_KEY = 'faultline.actor';

/** Active alerts with acknowledge and resolve; the buttons send commands and the state changes when the alerter says so (live). */
export function AlertsPanel({ projectId, alerts }: { projectId: string; alerts: AlertMap }) {
  const [actor, setActor] = useState(() => localStorage.getItem(ACTOR_KEY) ?? '');
  const list = sortedAlerts(alerts);
  return (
    <section aria-labelledby="alerts-heading" class="panel alerts-panel">
      <h2 id="alerts-heading">Active alerts</h2>
      <div class="field">
        <label for="actor">Your name (recorded on acknowledge and resolve)</label>
        <input
          id="actor"
          autocomplete="name"
          value={actor}
          maxLength={256}
          onInput={(e) => {
            setActor(e.currentTarget.value);
            localStorage.setItem(ACTOR_KEY, e.currentTarget.value);
          }}
        />
      </div>
      {list.length === 0 ? (
        <p data-testid="no-alerts">No active alerts.</p>
      ) : (
        <ul class="alert-list" data-testid="alert-list">
          {list.map((alert) => (
            <AlertRow key={alert.alertId} projectId={projectId} alert={alert} actor={actor.trim()} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertRow({ projectId, alert, actor }: { projectId: string; alert: AlertView; actor: string }) {
  const [sending, setSending] = useState<'acknowledge' | 'resolve'>();
  const [error, setError] = useState<string>();

  async function send(action: 'acknowledge' | 'resolve') {
    if (!actor) {
      setError('Enter your name above first.');
      document.getElementById('actor')?.focus();
      return;
    }
    setSending(action);
    setError(undefined);
    try {
      await api.command(projectId, alert.alertId, action, actor);
    } catch (e) {
      setError((e as Error).message);
      setSending(undefined);
    }
  }
  // A new state from the alerter ends the wait for it.
  const waiting =
    sending !== undefined &&
    !(sending === 'acknowledge' ? alert.status !== 'firing' : alert.status === 'resolved');
  const titleId = `alert-${alert.alertId}-title`;

  return (
    <li
      class={`alert-row sev-${alert.severity} status-${alert.status}`}
      data-alert-id={alert.alertId}
      data-status={alert.status}
    >
      <div class="alert-head">
        <span class={`badge sev-${alert.severity}`}>{alert.severity}</span>
        <span class={`badge status-badge status-${alert.status}`} data-testid="alert-status">
          {alert.status}
        </span>
        <strong id={titleId}>{alert.message}</strong>
      </div>
      <p class="muted">
        {formatCount(alert.errorCount)} errors
        {alert.affectedComponents.length > 0 && <> in {alert.affectedComponents.join(', ')}</>} · since{' '}
        {formatTime(alert.firstSeen)}
        {alert.stage > 0 && <> · escalation stage {alert.stage}</>}
        {alert.acknowledgedBy && alert.status !== 'resolved' && (
          <> · acknowledged by {alert.acknowledgedBy}</>
        )}
        {alert.resolvedBy && <> · resolved by {alert.resolvedBy}</>}
      </p>
      {alert.status !== 'resolved' && (
        <div class="actions">
          {alert.status === 'firing' && (
            <button
              type="button"
              onClick={() => void send('acknowledge')}
              disabled={waiting}
              aria-describedby={titleId}
            >
              {waiting && sending === 'acknowledge' ? 'Acknowledging…' : 'Acknowledge'}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            onClick={() => void send('resolve')}
            disabled={waiting}
            aria-describedby={titleId}
          >
            {waiting && sending === 'resolve' ? 'Resolving…' : 'Resolve'}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}
