import { type Client, getCurrentClient, type Source } from '@faultline/browser/core';

export interface WrapOptions {
  /** @default the client `init` made */
  client?: Client;
  component?: string;
  /** @default 'convex' */
  source?: Source;
  tags?: Record<string, string>;
}

/**
 * Wraps any function (a Convex query, mutation or action handler, a job, a queue consumer):
 * a throw or a rejection is reported with `name` as the action and the time it ran, then
 * rethrown unchanged. Synchronous functions stay synchronous.
 */
export function wrapFunction<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R,
  options: WrapOptions = {},
): (...args: A) => R {
  const report = (error: unknown, started: number) => {
    (options.client ?? getCurrentClient())?.captureException(error, {
      source: options.source ?? 'convex',
      component: options.component,
      action: name,
      responseTimeMs: Math.round(performance.now() - started),
      tags: options.tags,
      mechanism: { type: 'wrap', handled: true },
    });
  };
  return function wrapped(this: unknown, ...args: A): R {
    const started = performance.now();
    let result: R;
    try {
      result = fn.apply(this, args);
    } catch (error) {
      report(error, started);
      throw error;
    }
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        report(error, started);
        throw error;
      }) as R;
    }
    return result;
  };
}
