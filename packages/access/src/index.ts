export { type AuditFields, buildAuditRecord } from './audit/audit-record.js';
export { type Auditor, type AuditProducer, createAuditor } from './audit/auditor.js';
export { type AccessControlOptions, default as accessControl } from './http/access-control.js';
export { AccessError, type AccessErrorCode } from './http/access-error.js';
export { type AccessRule, PROJECT_LOCATIONS, type ProjectLocation } from './http/access-rule.js';
export { listRouteAccess, type RouteAccess } from './http/route-table.js';
export type { Grants, VisibleProjects } from './model/grants.js';
export { ANONYMOUS, type Identity, type IdentityResult } from './model/identity.js';
export { higherRole, lowerRole, roleAtLeast, SCOPE_ROLE } from './model/roles.js';
export { hashPassword, PASSWORD_COST, type PasswordCost, verifyPassword } from './secrets/password.js';
export {
  clearSessionSetCookie,
  MIN_SESSION_SECRET_LENGTH,
  newSessionId,
  SESSION_COOKIE,
  type SessionClaims,
  type SessionCookieOptions,
  sessionSetCookie,
  signSession,
  verifySession,
} from './secrets/session-cookie.js';
export { type NewToken, newToken, TOKEN_PREFIX, tokenIdOf, tokenSha256 } from './secrets/token-secret.js';
export { AccessView, type AccessViewOptions, type Principal } from './view/access-view.js';
export {
  type ServiceAccess,
  type ServiceAccessOptions,
  startServiceAccess,
} from './view/service-access.js';
export {
  type RunningAccessView,
  type StartAccessViewOptions,
  startAccessView,
} from './view/start-access-view.js';
