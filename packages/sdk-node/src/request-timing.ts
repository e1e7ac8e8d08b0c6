const started = new WeakMap<object, number>();

/** Marks when a request began, so an error's event can carry the response time. */
export function markRequestStart(request: object, at = performance.now()): void {
  if (!started.has(request)) started.set(request, at);
}

export function elapsedSince(request: object): number | undefined {
  const at = started.get(request);
  return at === undefined ? undefined : Math.round(performance.now() - at);
}
