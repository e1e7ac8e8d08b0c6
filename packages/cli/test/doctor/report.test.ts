import { describe, expect, it } from 'vitest';
import { errorLines, newest } from '../../src/doctor/log-errors.js';
import { buildReport, type Check, exitCode, restartable } from '../../src/doctor/report.js';

const c = (name: string, status: Check['status']): Check => ({ name, area: name, status, detail: '' });

describe('doctor verdict', () => {
  it.each([
    { name: 'all ok exits 0', checks: [c('redis', 'ok')], status: 'ok', code: 0 },
    {
      name: 'a warning (lag) exits 0',
      checks: [c('redis', 'ok'), c('lag g', 'warn')],
      status: 'warn',
      code: 0,
    },
    {
      name: 'anything down exits 1',
      checks: [c('lag g', 'warn'), c('ingest', 'down')],
      status: 'down',
      code: 1,
    },
  ])('$name', ({ checks, status, code }) => {
    const report = buildReport(checks, []);
    expect(report.status).toBe(status);
    expect(exitCode(report)).toBe(code);
  });

  it('restarts only infrastructure that is down', () => {
    expect(
      restartable([c('redis', 'down'), c('kafka', 'ok'), c('ingest', 'down'), c('clickhouse', 'down')]),
    ).toEqual(['redis', 'clickhouse']);
  });
});

describe('errorLines', () => {
  const since = Date.parse('2026-01-01T00:00:00Z');
  const text = [
    '{"level":"error","time":"2026-01-01T00:00:05Z","service":"a","msg":"boom","err":{"message":"ECONNREFUSED"}}',
    'half a line cut by the tail"}',
    '{"level":30,"time":1767225605000,"msg":"info"}',
    '{"level":60,"time":1767225606000,"msg":"fatal"}',
    '{"level":"error","time":"2025-12-31T23:59:59Z","msg":"before the window"}',
    'not json',
  ].join('\n');

  it('keeps level >= 50 within the window, labels or numbers, with the error message', () => {
    const lines = errorLines('a.log', text, since);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'boom: ECONNREFUSED'],
      [60, 'fatal'],
    ]);
    expect(newest(lines, 1).map((l) => l.msg)).toEqual(['fatal']);
  });
});
