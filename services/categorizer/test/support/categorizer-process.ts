import { fileURLToPath } from 'node:url';
import { ServiceProcess } from '../../../../test/support/service-process.js';

const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The categorizer's `src/main.ts` in a child process, with its health server at `healthUrl`. */
export class CategorizerProcess extends ServiceProcess {
  constructor(
    readonly healthUrl: string,
    env: Record<string, string>,
  ) {
    super('categorizer', mainPath, env);
  }

  started(): Promise<void> {
    return this.logged('categorizer started');
  }

  /** /healthz as a supervisor probes it: no answer within `timeoutMs` fails like a 503. */
  async healthy(timeoutMs = 1000): Promise<boolean> {
    const answer = await fetch(`${this.healthUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) }).catch(
      () => undefined,
    );
    return answer?.ok === true;
  }
}
