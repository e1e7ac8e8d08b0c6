import type { Identity } from '../model/identity.js';
import type { AccessErrorCode } from './access-error.js';
import type { AccessRule } from './access-rule.js';

export type Verdict = { allowed: true } | { allowed: false; code: AccessErrorCode; message: string };

const ALLOWED: Verdict = { allowed: true };

/**
 * Whether `identity` may use a route with `rule`. `projectId` is the id found where the rule
 * says (undefined when absent or not a single string, which refuses). Anonymous callers of
 * anything but a public route get FL_AUTH_REQUIRED; known callers without the role FL_FORBIDDEN.
 */
export function authorize(rule: AccessRule, identity: Identity, projectId: string | undefined): Verdict {
  if ('public' in rule) return ALLOWED;
  if (identity.kind === 'anonymous')
    return {
      allowed: false,
      code: 'FL_AUTH_REQUIRED',
      message: 'sign in, or send Authorization: Bearer <token>',
    };
  if ('authenticated' in rule) return ALLOWED;
  if ('owner' in rule) return identity.owner ? ALLOWED : forbidden('this needs the instance owner');
  if (rule.project === 'none')
    return identity.canSomewhere(rule.role)
      ? ALLOWED
      : forbidden(`this needs the ${rule.role} role on some project`);
  if (projectId === undefined) return forbidden(`this needs one project id in ${rule.project}`);
  return identity.can(rule.role, projectId)
    ? ALLOWED
    : forbidden(`this needs the ${rule.role} role on project ${projectId}`);
}

function forbidden(message: string): Verdict {
  return { allowed: false, code: 'FL_FORBIDDEN', message };
}
