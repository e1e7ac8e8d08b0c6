import type { Client } from '../core/client.js';

/**
 * Queued events go out by beacon when the page is hidden or left: `pagehide` is the last
 * event a page reliably gets, and mobile browsers may kill a hidden page without firing it.
 */
export function flushOnPageHide(client: Client, target: Window = window): () => void {
  const drain = () => client.drainFinal();
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') drain();
  };
  target.addEventListener('pagehide', drain);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', drain);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
