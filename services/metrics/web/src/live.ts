import { useEffect, useState } from 'preact/hooks';
import type { LiveAlertMessage } from './types.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Subscribes to the project's server-sent alert-events; EventSource reconnects by itself. */
export function useLiveAlerts(projectId: string, onAlert: (message: LiveAlertMessage) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const source = new EventSource(`/api/v1/projects/${encodeURIComponent(projectId)}/live`);
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('alert', (event) => {
      onAlert(JSON.parse((event as MessageEvent<string>).data) as LiveAlertMessage);
    });
    source.addEventListener('error', () => setState('reconnecting'));
    return () => source.close();
    // onAlert is a stable dispatcher from the caller.
  }, [projectId]);
  return state;
}
