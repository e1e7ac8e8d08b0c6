/** Pure: prevention suggestions from where the week's errors came from (the runbook's prevention strategies). */
import type { TopEntry } from '@faultline/api-contracts';

const BY_CATEGORY: Record<string, string> = {
  system: 'Add connection pooling limits, retries with backoff and health checks for the failing dependency.',
  database: 'Review slow and failing queries, connection pool size and migrations; add query timeouts.',
  network: 'Add timeouts, retries with jitter and circuit breakers around outbound calls.',
  performance: 'Profile the slowest endpoints, add caching and set latency budgets with alerts.',
  security: 'Audit authentication and authorization paths; rate-limit and monitor rejected requests.',
  payment: 'Validate payment input early, make charges idempotent and monitor the provider status.',
  validation: 'Tighten input schemas at the boundary and return clear 4xx errors instead of failing later.',
  frontend: 'Add error boundaries and tests for the failing views; check browser support of recent changes.',
  authentication: 'Check token expiry and refresh handling; add tests for session edge cases.',
};
const GENERAL = 'Add a regression test for the most frequent error and a runbook entry for its fix.';

export interface Suggestion {
  /** `category <name>` or `component <name>`. */
  about: string;
  share: number;
  suggestion: string;
}

/** One suggestion per category holding at least `minShare` of the errors, then the top component. */
export function preventionSuggestions(
  categories: TopEntry[],
  components: TopEntry[],
  minShare = 0.1,
): Suggestion[] {
  const out: Suggestion[] = categories
    .filter((c) => c.share >= minShare)
    .map((c) => ({ about: `category ${c.key}`, share: c.share, suggestion: BY_CATEGORY[c.key] ?? GENERAL }));
  const top = components[0];
  if (top && top.key !== '')
    out.push({
      about: `component ${top.key}`,
      share: top.share,
      suggestion: `Most errors come from ${top.key}: review its recent changes and add monitoring around its failing operations.`,
    });
  return out;
}
