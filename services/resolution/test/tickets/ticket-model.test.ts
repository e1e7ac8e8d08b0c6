import { describe, expect, it } from 'vitest';
import { belongsToGroup } from '../../src/history/group-alerts.js';
import { assigneeFor } from '../../src/tickets/assignment.js';
import {
  addStep,
  openTicket,
  reopenTicket,
  resolveTicket,
  ticketTitle,
  trimOldestSteps,
} from '../../src/tickets/ticket-model.js';

const at = '2026-11-28T10:00:00.000Z';
const base = openTicket({
  ticketId: 't1',
  projectId: 'p',
  title: 'a: b',
  description: '',
  assignee: 'development-team',
  at,
});

describe('ticket model', () => {
  it('titles are component: message cut at 100 characters', () => {
    expect(ticketTitle('api', 'x'.repeat(150))).toBe(`api: ${'x'.repeat(100)}`);
    expect(ticketTitle(undefined, 'boom')).toBe('unknown: boom');
  });

  it.each([
    { id: 'categorized team wins', component: 'payment', team: 'sre', want: 'sre' },
    { id: 'keyword, first match', component: 'Security-API', team: undefined, want: 'security-team' },
    { id: 'api keyword', component: 'public-api', team: undefined, want: 'backend-team' },
    { id: 'default', component: 'checkout', team: undefined, want: 'development-team' },
  ])('assignee: $id', ({ component, team, want }) => {
    expect(assigneeFor(component, team)).toBe(want);
  });

  it('names a change by what matters most: reassignment, then status, then a plain step', () => {
    expect(
      addStep(
        base,
        { action: 'a', description: '', author: 'x', assignee: 'sre', status: 'in-progress' },
        at,
      ),
    ).toMatchObject({ type: 'assigned', ticket: { assignee: 'sre', status: 'in-progress' } });
    expect(addStep(base, { action: 'a', description: '', author: 'x', status: 'in-progress' }, at).type).toBe(
      'status-changed',
    );
    expect(
      addStep(base, { action: 'a', description: '', author: 'x', assignee: 'development-team' }, at).type,
    ).toBe('step-added');
  });

  it('resolves once and reopens only a resolved ticket', () => {
    const resolved = resolveTicket(base, { description: 'd', resolver: 'r' }, at).ticket;
    expect(() => resolveTicket(resolved, { description: 'd', resolver: 'r' }, at)).toThrow(
      /already resolved/,
    );
    expect(() => addStep(resolved, { action: 'a', description: '', author: 'x' }, at)).toThrow(/reopen/);
    const reopened = reopenTicket(
      resolved,
      { action: 'regressed', description: '', author: 'faultline' },
      at,
    ).ticket;
    expect(reopened).not.toHaveProperty('resolution');
    expect(reopened.status).toBe('open');
    expect(() => reopenTicket(reopened, { action: 'x', description: '', author: 'y' }, at)).toThrow(
      /not resolved/,
    );
  });

  it.each([
    { id: 'scoped to the group', alert: { scope: { groupId: 'g' }, samples: [] }, want: true },
    {
      id: 'scoped to another group',
      alert: { scope: { groupId: 'h' }, samples: [{ groupId: 'g' }] },
      want: false,
    },
    {
      id: 'wide, every sample of the group',
      alert: { scope: {}, samples: [{ groupId: 'g' }, { groupId: 'g' }] },
      want: true,
    },
    {
      id: 'wide, mixed samples',
      alert: { scope: {}, samples: [{ groupId: 'g' }, { groupId: 'h' }] },
      want: false,
    },
    { id: 'wide, no samples', alert: { scope: {}, samples: [] }, want: false },
  ])('alert of group: $id', ({ alert, want }) => {
    expect(belongsToGroup(alert as never, 'g')).toBe(want);
  });
});

describe('ticket bounds', () => {
  const withSteps = (n: number) => ({
    ...base,
    steps: Array.from({ length: n }, (_, i) => ({
      action: `s${i}`,
      description: 'x'.repeat(100),
      author: 'a',
      at,
    })),
  });
  const size = (ticket: typeof base) => Buffer.byteLength(JSON.stringify(ticket));

  it('refuses a step past maxSteps, a regression drops the oldest instead', () => {
    expect(() => addStep(withSteps(3), { action: 'more', description: '', author: 'a' }, at, 3)).toThrow(
      expect.objectContaining({ code: 'FL_TICKET_STEPS_FULL' }),
    );
    const resolved = { ...withSteps(3), status: 'resolved' as const };
    const reopened = reopenTicket(
      resolved,
      { action: 'regressed', description: '', author: 'faultline' },
      at,
      3,
    );
    expect(reopened.ticket.steps.map((s) => s.action)).toEqual(['s1', 's2', 'regressed']);
  });

  it('trims the oldest steps until the ticket fits, exactly as far as needed', () => {
    const ticket = withSteps(10);
    const max = size(ticket) - 250;
    const trimmed = trimOldestSteps(ticket, size, max);
    expect(trimmed?.steps.map((s) => s.action)).toEqual(['s2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']);
    expect(size(trimmed as typeof ticket)).toBeLessThanOrEqual(max);
    expect(trimOldestSteps(ticket, size, size(ticket))).toBe(ticket);
    expect(trimOldestSteps(ticket, size, 10)).toBeUndefined();
  });
});
