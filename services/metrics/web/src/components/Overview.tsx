import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type AlertMap, fromLive, mergeSnapshot, upsert } from '../alerts-state.js';
import { api } from '../api.js';
import { useLiveAlerts } from '../live.js';
import type { ErrorRate, LiveAlertMessage, Top } from '../types.js';
import { AlertsPanel } from './AlertsPanel.js';
import { ErrorRateCard } from './ErrorRateCard.js';
import { GroupsList } from './GroupsList.js';
import { StatusCounts } from './StatusCounts.js';
import { TopBars } from './TopBars.js';
import { TrendChart } from './TrendChart.js';

const HOUR = 3_600_000;
/** Counts and charts are re-read this often, and shortly after any alert-event. */
const REFRESH_MS = 30_000;

export interface Summary {
  rate: ErrorRate;
  previousRate: ErrorRate;
  bySeverity: Top;
  categories: Top;
  components: Top;
}

export function Overview({ projectId }: { projectId: string }) {
  const [alerts, setAlerts] = useState<AlertMap>(new Map());
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const [refreshedAt, setRefreshedAt] = useState(0);
  const pending = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const [active, rate, previousRate, bySeverity, categories, components] = await Promise.all([
        api.activeAlerts(projectId),
        api.errorRate(projectId, iso(now - HOUR), iso(now)),
        api.errorRate(projectId, iso(now - 2 * HOUR), iso(now - HOUR)),
        api.top(projectId, 'severity', 4),
        api.top(projectId, 'category'),
        api.top(projectId, 'component'),
      ]);
      setAlerts((current) => mergeSnapshot(current, active));
      setSummary({ rate, previousRate, bySeverity, categories, components });
      setRefreshedAt(now);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [projectId]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const onAlert = useCallback(
    (message: LiveAlertMessage) => {
      setAlerts((current) => upsert(current, fromLive(message)));
      if (['fired', 'acknowledged', 'unacknowledged', 'resolved'].includes(message.type))
        setAnnouncement(
          `${message.alert.message}: ${message.type}${message.actor ? ` by ${message.actor}` : ''}`,
        );
      // Counts move with alerts; one re-read for a burst of events.
      clearTimeout(pending.current);
      pending.current = window.setTimeout(() => void load(), 1500);
    },
    [load],
  );
  const live = useLiveAlerts(projectId, onAlert);

  return (
    <>
      <div class="status-line">
        <span class={`live-indicator live-${live}`} data-testid="live-state">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
        {refreshedAt > 0 && (
          <span class="muted">Counts as of {new Date(refreshedAt).toLocaleTimeString('en-GB')}</span>
        )}
      </div>
      <div role="status" aria-live="polite" class="visually-hidden">
        {announcement}
      </div>
      {error && (
        <p role="alert" class="error">
          Could not load the dashboard: {error}
        </p>
      )}
      <StatusCounts alerts={alerts} bySeverity={summary?.bySeverity} />
      <div class="grid">
        <ErrorRateCard rate={summary?.rate} previous={summary?.previousRate} />
        <AlertsPanel projectId={projectId} alerts={alerts} />
      </div>
      <TrendChart projectId={projectId} refreshKey={refreshedAt} />
      <div class="grid">
        <TopBars title="Top categories (24 h)" id="top-categories" top={summary?.categories} />
        <TopBars
          title="Top components (24 h)"
          id="top-components"
          top={summary?.components}
          emptyKey="(none)"
        />
      </div>
      <GroupsList projectId={projectId} refreshKey={refreshedAt} />
    </>
  );
}
