/** Key fragments, compared lower-case without `-`/`_`: `X-Api-Key`, `db_password`, `authToken` all match. */
const SECRET_KEY_FRAGMENTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'creditcard',
  'cardnumber',
];

/** `X-Api-Key` -> `xapikey`: how field names are compared with the built-in and configured ones. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s.]/g, '');
}

/** Whether a field name says its value is secret: a built-in fragment or an extra one from config. */
export function isSecretKey(key: string, extra: readonly string[] = []): boolean {
  const normalized = normalizeKey(key);
  return (
    SECRET_KEY_FRAGMENTS.some((f) => normalized.includes(f)) ||
    extra.some((f) => normalized.includes(normalizeKey(f)))
  );
}
