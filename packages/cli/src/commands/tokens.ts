/** `faultline tokens create|list|revoke` through the metrics admin API. A new token is printed only once. */

import type { TokenView } from '@faultline/api-contracts';
import { TOKEN_SCOPES, type TokenScope } from '@faultline/contracts';
import { parseDuration } from '../alerts/duration.js';
import { metricsAdminClient } from '../api/admin-client.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline tokens create --project <id|*> --scope read|respond|admin [--name n] [--expires 30d] [--user <userId>] | list [--project <id>] | revoke <tokenId> [--project <id>]  [--url http://127.0.0.1:8090] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    project: { type: 'string' },
    scope: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string' },
    user: { type: 'string' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action, argument] = positionals;
if (values.help || !action) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const admin = metricsAdminClient(process.env, values.url);
  switch (action) {
    case 'create': {
      if (!values.project) fail(USAGE, 'create needs --project (an id, or * for every project)');
      if (!TOKEN_SCOPES.includes(values.scope as TokenScope))
        fail(USAGE, '--scope must be read, respond or admin');
      const fields = { scope: values.scope as TokenScope, ...name(), ...expiresAt() };
      // One project without a person: that project's admins may make it; anything else is the owner's.
      const created =
        values.project !== '*' && !values.user
          ? await admin.createProjectToken(values.project, fields)
          : await admin.createToken({
              ...fields,
              projects: [values.project],
              ...(values.user ? { userId: values.user } : {}),
            });
      return print(
        json,
        { token: created.token, ...created.view },
        () =>
          `${created.token}\ntoken ${created.tokenId} (${created.view.scope} on ${created.view.projects.join(',')}): shown only now; keep it`,
      );
    }
    case 'list': {
      const { tokens } = await admin.listTokens(values.project);
      return print(json, { tokens }, () => tokens.map(tokenLine).join('\n') || 'no tokens');
    }
    case 'revoke': {
      if (!argument) fail(USAGE, 'revoke needs a token id');
      const { token } = await admin.revokeToken(argument, values.project);
      return print(json, { token }, () => `revoked ${token.tokenId} (${token.name})`);
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});

function name() {
  return values.name ? { name: values.name } : {};
}

function expiresAt() {
  if (values.expires === undefined) return {};
  const ms = parseDuration(values.expires);
  if (ms === null) fail(USAGE, '--expires must be a duration such as 90d, 12h or 30m');
  return { expiresAt: new Date(Date.now() + ms).toISOString() };
}

function tokenLine(token: TokenView): string {
  const state = token.revokedAt
    ? `revoked ${token.revokedAt}`
    : token.expiresAt
      ? `expires ${token.expiresAt}`
      : 'no expiry';
  return [
    token.tokenId,
    token.name,
    `${token.scope} on ${token.projects.join(',')}`,
    token.userId ? `user ${token.userId}` : 'machine',
    state,
    `last used ${token.lastUsedAt ?? 'never'}`,
  ].join('\t');
}
