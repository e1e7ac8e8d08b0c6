import type { FuzzTarget } from './bodies.js';
import { exchange } from './raw-http.js';
import { describeCase, encodeRequest, type FuzzCase, generateCase } from './requests.js';
import { verdict } from './verdict.js';

export interface FuzzFailure {
  fuzzCase: FuzzCase;
  reason: string;
}

export interface FuzzRunOptions {
  seed: number;
  /** Case indexes to run, e.g. 0..N-1, or one case to replay. */
  indexes: readonly number[];
  port: number;
  target: FuzzTarget;
  bodyLimitBytes: number;
  concurrency: number;
  timeoutMs: number;
  /** Called after each case, e.g. to sample memory. */
  onCase?: (done: number) => void;
}

export interface FuzzRunResult {
  failures: FuzzFailure[];
  /** Answers by status (`closed` for a closed connection). */
  statuses: Record<string, number>;
  /** eventIds from 202 answers of /api/v1/events (Sentry routes answer an id even for no event). */
  acceptedIds: string[];
}

/** Sends every case, `concurrency` at a time, and judges each answer. */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRunResult> {
  const failures: FuzzFailure[] = [];
  const statuses: Record<string, number> = {};
  const acceptedIds: string[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < options.indexes.length; i = next++) {
      const index = options.indexes[i] as number;
      const fuzzCase = generateCase(options.seed, index, options.target, {
        bodyLimitBytes: options.bodyLimitBytes,
      });
      const result = await exchange(
        options.port,
        encodeRequest(fuzzCase, options.target.host),
        options.timeoutMs,
        fuzzCase.httpMalformed,
      );
      const label = result.kind === 'response' ? String(result.status) : result.kind;
      statuses[label] = (statuses[label] ?? 0) + 1;
      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        try {
          const answer = JSON.parse(result.body.toString('utf8')) as { ids?: string[] };
          acceptedIds.push(...(answer.ids ?? []));
        } catch {
          // 204 preflights carry no body.
        }
      }
      const reason = verdict(fuzzCase, result);
      if (reason !== undefined) failures.push({ fuzzCase, reason });
      done += 1;
      options.onCase?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { failures, statuses, acceptedIds };
}

export function describeFailures(failures: readonly FuzzFailure[], limit = 10): string {
  const shown = failures.slice(0, limit).map((f) => `${f.reason}\n${describeCase(f.fuzzCase)}`);
  const more = failures.length > limit ? `\n… and ${failures.length - limit} more` : '';
  const replay = failures[0]
    ? `\nreplay one: FUZZ_SEED=${failures[0].fuzzCase.seed} FUZZ_CASE=${failures[0].fuzzCase.index} pnpm vitest run services/ingest/test/fuzz.int.test.ts`
    : '';
  return `${failures.length} failing cases\n${shown.join('\n\n')}${more}${replay}`;
}
