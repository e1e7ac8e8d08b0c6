import type { ErrorPattern } from '@faultline/api-contracts';

const HOUR_MS = 3_600_000;
const RECURRING_ABOVE = 10;

/**
 * The runbook's rules, first match wins: no similar errors is isolated, more than 10 is
 * recurring, similar errors spread over less than an hour are a burst, else intermittent.
 */
export function classifyPattern(similar: { count: number; firstMs?: number; lastMs?: number }): ErrorPattern {
  if (similar.count === 0) return { type: 'isolated', description: 'Single occurrence error' };
  if (similar.count > RECURRING_ABOVE)
    return { type: 'recurring', description: 'High frequency recurring error' };
  const spread = (similar.lastMs ?? 0) - (similar.firstMs ?? 0);
  if (spread < HOUR_MS) return { type: 'burst', description: 'Error burst in short time period' };
  return { type: 'intermittent', description: 'Intermittent recurring error' };
}
