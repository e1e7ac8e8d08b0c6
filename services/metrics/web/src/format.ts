/** Display helpers: pure, shared by the components. */

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en').format(value);
}

export function formatRate(perMinute: number): string {
  return perMinute >= 10 ? perMinute.toFixed(0) : perMinute.toFixed(2);
}

/** Relative change from `previous` to `current`, or undefined when there is nothing to compare with. */
export function percentChange(current: number, previous: number): number | undefined {
  if (previous === 0) return current === 0 ? 0 : undefined;
  return ((current - previous) / previous) * 100;
}

export function describeChange(change: number | undefined): string {
  if (change === undefined) return 'new (none in the previous hour)';
  if (Math.abs(change) < 0.5) return 'no change from the previous hour';
  const direction = change > 0 ? 'up' : 'down';
  return `${direction} ${Math.abs(change).toFixed(0)}% from the previous hour`;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString('en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function timeAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
