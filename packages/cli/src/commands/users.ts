/** `faultline users add|list|remove` through the metrics admin API (the owner's). A generated password is printed only once. */
import { metricsAdminClient } from '../api/admin-client.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline users add <email> [--name n] [--oidc] | list | remove <userId|email>  [--url http://127.0.0.1:8090] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  { name: { type: 'string' }, oidc: { type: 'boolean' }, url: { type: 'string' } },
  USAGE,
);
const [action, argument] = positionals;
if (values.help || !action) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const admin = metricsAdminClient(process.env, values.url);
  switch (action) {
    case 'add': {
      if (!argument) fail(USAGE, 'add needs an email');
      const added = await admin.addUser({
        email: argument,
        ...(values.name ? { name: values.name } : {}),
        signIn: values.oidc ? 'oidc' : 'password',
      });
      return print(json, added, () =>
        [
          `user ${added.user.userId} (${added.user.email})`,
          added.password
            ? `password ${added.password}\nthe password is shown only now; keep it`
            : 'signs in with OpenID Connect',
        ].join('\n'),
      );
    }
    case 'list': {
      const { users } = await admin.listUsers();
      const lines = users.map((u) =>
        [u.userId, u.email, u.name, u.owner ? 'owner' : '', u.disabled ? 'disabled' : 'active'].join('\t'),
      );
      return print(json, { users }, () => lines.join('\n') || 'no users');
    }
    case 'remove': {
      if (!argument) fail(USAGE, 'remove needs a user id or email');
      const userId = argument.includes('@')
        ? (await admin.listUsers()).users.find((u) => u.email.toLowerCase() === argument.toLowerCase())
            ?.userId
        : argument;
      if (!userId) fail(USAGE, `no user with email ${argument}`);
      const removed = await admin.removeUser(userId);
      return print(
        json,
        removed,
        () =>
          `removed ${removed.userId}: ${removed.memberships} membership(s), ${removed.teams} team(s), ${removed.tokensRevoked} token(s) revoked`,
      );
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});
