import { DEFAULT_TEAM, TEAM_BY_COMPONENT_KEYWORD } from '@faultline/config';
import { describe, expect, it } from 'vitest';
import { teamForComponent } from '../../src/rules/team.js';

describe('teamForComponent (runbook table)', () => {
  it.each([
    { id: 'security', component: 'security', want: 'security-team' },
    { id: 'payment', component: 'payment-gateway', want: 'payment-team' },
    { id: 'audio', component: 'AudioPlayer', want: 'frontend-team' },
    { id: 'api', component: 'public-api', want: 'backend-team' },
    { id: 'database', component: 'database-pool', want: 'infrastructure-team' },
    { id: 'table order decides: payment before api', component: 'payment-api', want: 'payment-team' },
    { id: 'keyword inside a word', component: 'rapid-checkout', want: 'backend-team' },
    { id: 'no keyword', component: 'checkout', want: 'development-team' },
    { id: 'no component', component: undefined, want: 'development-team' },
  ])('$id', ({ component, want }) => {
    expect(teamForComponent(component, TEAM_BY_COMPONENT_KEYWORD, DEFAULT_TEAM)).toBe(want);
  });
});
