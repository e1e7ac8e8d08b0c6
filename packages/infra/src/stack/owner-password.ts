/**
 * The owner's one-time password: the metrics service makes the owner account (without a password)
 * and the owner token on first start; `pnpm start` then asks it, with that token, for a password
 * for the owner while the owner has none, and prints it once. Later starts find one set and print nothing.
 */
import type { PasswordAnswer, UsersAnswer } from '@faultline/api-contracts';

export async function ensureOwnerPassword(
  metricsUrl: string,
  ownerToken: string,
): Promise<{ email: string; password: string } | undefined> {
  const headers = { authorization: `Bearer ${ownerToken}`, accept: 'application/json' };
  const { users } = (await answer(
    await fetch(`${metricsUrl}/api/v1/admin/users`, { headers }),
  )) as UsersAnswer;
  const owner = users.find((user) => user.owner);
  if (!owner || owner.password) return undefined;
  const set = (await answer(
    await fetch(`${metricsUrl}/api/v1/admin/users/${encodeURIComponent(owner.userId)}/password`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    }),
  )) as PasswordAnswer;
  return set.password ? { email: owner.email, password: set.password } : undefined;
}

async function answer(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`metrics answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
