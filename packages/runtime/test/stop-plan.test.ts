import { createLogger } from '@faultline/observability';
import { describe, expect, it } from 'vitest';
import { StopPlan } from '../src/index.js';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('StopPlan', () => {
  it('runs the stages in order whatever order they were added in, a stage only after the one before', async () => {
    const plan = new StopPlan();
    const log: string[] = [];
    const step = (name: string, ms: number) => () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          log.push(name);
          resolve();
        }, ms),
      );
    plan.add('clients', step('redis', 1));
    plan.add('servers', step('http', 1));
    plan.add('consumers', step('slow consumer', 30));
    plan.add('consumers', step('fast consumer', 1));
    plan.add('producers', step('producer', 1));
    expect(await plan.run(logger)).toBe(true);
    // The two consumers ran together: the fast one finished first.
    expect(log).toEqual(['fast consumer', 'slow consumer', 'producer', 'http', 'redis']);
  });

  it('runs every later stage when a step fails, and reports the failure', async () => {
    const plan = new StopPlan();
    const log: string[] = [];
    plan.add('producers', () => {
      throw new Error('broker gone');
    });
    plan.add('clients', () => log.push('redis'));
    expect(await plan.run(logger)).toBe(false);
    expect(log).toEqual(['redis']);
  });
});
