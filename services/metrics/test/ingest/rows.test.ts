import { describe, expect, it } from 'vitest';
import { dedupToken } from '../../src/ingest/dedup-token.js';
import { eventRow, firstResponseAt, ticketRow } from '../../src/ingest/rows.js';
import { categorized, ticketEvent } from '../support/fixtures.js';

const origin = { topic: 'faultline.errors.categorized', partition: 2, offset: '41' };

describe('rows', () => {
  it('flattens a categorized event and keeps where it came from', () => {
    const event = categorized(
      'shop',
      {
        groupId: 'abcdefabcdefabcd',
        severity: 'high',
        category: 'security',
        component: 'auth',
        team: 'security-team',
        message: 'boom',
      },
      '2026-11-28T10:00:00.000Z',
    );
    expect(eventRow(event, origin)).toMatchObject({
      project_id: 'shop',
      group_id: 'abcdefabcdefabcd',
      time: '2026-11-28T10:00:00.000Z',
      severity: 'high',
      component: 'auth',
      release: '',
      response_time_ms: null,
      kafka_topic: origin.topic,
      kafka_partition: 2,
      kafka_offset: '41',
    });
    expect(JSON.parse(eventRow(event, origin).payload)).toEqual(event);
  });

  it.each([
    { id: 'no steps, not resolved: none', steps: [] as string[], resolvedAt: undefined, want: null },
    {
      id: 'the earliest step',
      steps: ['2026-01-01T10:30:00Z', '2026-01-01T10:10:00Z'],
      resolvedAt: undefined,
      want: '2026-01-01T10:10:00Z',
    },
    {
      id: 'resolved before any step',
      steps: ['2026-01-01T12:00:00Z'],
      resolvedAt: '2026-01-01T11:00:00Z',
      want: '2026-01-01T11:00:00Z',
    },
  ])('first response: $id', ({ steps, resolvedAt, want }) => {
    const value = ticketEvent('created', '2026-01-01T10:00:00Z', {
      ticketId: 't',
      projectId: 'p',
      createdAt: '2026-01-01T10:00:00Z',
      steps: steps.map((at) => ({ action: 'a', description: '', author: 'x', at })),
      ...(resolvedAt ? { resolvedAt, status: 'resolved' as const } : {}),
    });
    expect(firstResponseAt(value)).toBe(want);
    expect(ticketRow(value, origin).first_response_at).toBe(want);
  });

  it('dedup tokens name the topic, partition and offsets', () => {
    expect(dedupToken('t', 1, '10', '19')).toBe('t/1/10-19');
    expect(dedupToken('t', 1, '10', '19')).not.toBe(dedupToken('t', 2, '10', '19'));
  });
});
