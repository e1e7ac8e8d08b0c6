/**
 * The Lua twin of `attempt-record.ts` (same rules, same cases in the conformance test): one
 * hash per partition, fields `<kind>.offset|failures|open|error` for kinds `chunk` and
 * `message`. ARGV: op (`chunk`, `message`, `fail`), offset, ttl in ms, then
 * `message`: the chunk's failures; `fail`: kind, counts (1/0), reason.
 * Returns {failures, lastError or ''} for the begins.
 */
export const ATTEMPT_SCRIPT = `
local key, op, offset, ttl = KEYS[1], ARGV[1], ARGV[2], ARGV[3]

local function begin(kind)
  local r = redis.call('HMGET', key, kind .. '.offset', kind .. '.failures', kind .. '.open', kind .. '.error')
  local failures, err = 0, false
  if r[1] == offset then
    failures = tonumber(r[2])
    err = r[4]
    if r[3] == '1' then
      failures = failures + 1
      err = false
    end
  end
  redis.call('HSET', key, kind .. '.offset', offset, kind .. '.failures', failures, kind .. '.open', 1)
  if err then redis.call('HSET', key, kind .. '.error', err) else redis.call('HDEL', key, kind .. '.error') end
  return {failures, err or ''}
end

local result = 0
if op == 'chunk' then
  result = begin('chunk')
elseif op == 'message' then
  result = begin('message')
  redis.call('HSET', key, 'chunk.offset', offset, 'chunk.failures', ARGV[4], 'chunk.open', 0)
  redis.call('HDEL', key, 'chunk.error')
elseif op == 'fail' then
  local kind = ARGV[4]
  local r = redis.call('HMGET', key, kind .. '.offset', kind .. '.failures')
  if r[1] == offset then
    redis.call('HSET', key, kind .. '.open', 0)
    if ARGV[5] == '1' then
      redis.call('HSET', key, kind .. '.failures', tonumber(r[2]) + 1, kind .. '.error', ARGV[6])
    end
  end
end
redis.call('PEXPIRE', key, ttl)
return result`;
