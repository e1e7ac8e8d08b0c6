import type { LiveAlertMessage } from '@faultline/api-contracts';
import type { AlertEvent } from '@faultline/contracts';

export type LiveListener = (message: LiveAlertMessage) => void;

/** Alerts remembered per instance, so a command for an alert just seen live is accepted before ClickHouse has its row. */
const RECENT_ALERTS = 10_000;

/**
 * Fans alert-events out to the page connections of one process, by project. Pure bookkeeping:
 * the Kafka consumer publishes, the SSE route subscribes.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly recent = new Map<string, string>();

  subscribe(projectId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(projectId);
    if (!set) {
      set = new Set();
      this.listeners.set(projectId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(projectId);
    };
  }

  publish(event: AlertEvent): void {
    const projectId = event.alert.scope.projectId;
    this.remember(event.alert.alertId, projectId);
    const set = this.listeners.get(projectId);
    if (!set) return;
    const message = toLiveMessage(event);
    for (const listener of set) listener(message);
  }

  /** The project of an alert this process saw live, if any. */
  projectOf(alertId: string): string | undefined {
    return this.recent.get(alertId);
  }

  get subscribers(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  private remember(alertId: string, projectId: string): void {
    this.recent.delete(alertId);
    this.recent.set(alertId, projectId);
    if (this.recent.size > RECENT_ALERTS) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}

export function toLiveMessage(event: AlertEvent): LiveAlertMessage {
  return {
    eventId: event.eventId,
    type: event.type,
    at: event.at,
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    alert: event.alert,
  };
}

/** One server-sent event; `data` is JSON on one line, so no line of it can end the event early. */
export function formatSse(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
