/**
 * One scope's batch, atomically: the Lua twin of `applyEvents` (window/sliding-window.ts),
 * which is the readable specification; test/store/window-script.int.test.ts runs both on the
 * same cases. Every key shares the scope's hash tag, so the script runs on Redis Cluster.
 *
 * KEYS: log (zset eventId|component -> event time), state (hash), samples (list), components (set)
 * ARGV: now, threshold, windowMs, lateToleranceMs, logCap, updateIntervalMs, idleTtlMs,
 *       newAlertId, sampleLimit, then per event: id, time, component ('' for none), sample JSON ('' for none)
 * Returns: decision ('new' | 'update' | ''), alertId, errorCount, firstSeen, lastSeen, late,
 *          duplicates, counted, components, samples (newest first, only with a decision), redis calls made,
 *          pending (events held back from the last signal), signalAt (time of the last signal; 0 without alert)
 */
export const APPLY_EVENTS_LUA = `
local log, state, samples, comps = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, threshold, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tolerance, cap, interval = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local idleTtl, newAlertId, sampleLimit = tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9])
local MAX_COMPONENTS = 100
local ops = 0
local function call(...)
  ops = ops + 1
  return redis.call(...)
end

local s = call('HMGET', state, 'wm', 'alertId', 'trigger', 'count', 'first', 'last', 'signalAt', 'pending')
local wm, alertId, trigger = tonumber(s[1]), s[2], s[3]
local count, first, last = tonumber(s[4]) or 0, tonumber(s[5]), tonumber(s[6])
local signalAt, pending = tonumber(s[7]) or 0, tonumber(s[8]) or 0

local components, known, added = {}, {}, {}
local function addComponent(c, persist)
  if c ~= '' and #components < MAX_COMPONENTS and not known[c] then
    known[c] = true
    components[#components + 1] = c
    if persist then added[#added + 1] = c end
  end
end
if alertId then
  for _, c in ipairs(call('SMEMBERS', comps)) do addComponent(c, false) end
end

local fired, reannounce = false, false
local late, dups, counted = 0, 0, 0
local pushed = {}
for i = 10, #ARGV, 4 do
  local id, t, comp, sample = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]
  if alertId and id == trigger then reannounce = true end
  local before = wm
  if wm == nil or t > wm then wm = t end
  if t < wm - tolerance then
    late = late + 1
  elseif call('ZADD', log, 'NX', t, id .. '|' .. comp) == 0 then
    dups = dups + 1
  else
    counted = counted + 1
    if sample ~= '' then pushed[#pushed + 1] = sample end
    if alertId then
      count, pending = count + 1, pending + 1
      if t < first then first = t end
      if t > last then last = t end
      addComponent(comp, true)
    else
      -- The fullest span of windowMs holding t; for the newest event, the span ending at it.
      local lo, hi, best
      if before == nil or t >= before then
        lo, hi = t - windowMs, t
        best = call('ZCOUNT', log, lo, hi)
      else
        local near = call('ZRANGEBYSCORE', log, t - windowMs, t + windowMs, 'WITHSCORES')
        local times = {}
        for j = 2, #near, 2 do times[#times + 1] = tonumber(near[j]) end
        best = 0
        local e = 1
        for st = 1, #times do
          if times[st] > t then break end
          if e < st then e = st end
          while e < #times and times[e + 1] <= times[st] + windowMs do e = e + 1 end
          if e - st + 1 > best then best, lo, hi = e - st + 1, times[st], times[e] end
        end
      end
      if best >= threshold then
        local members = call('ZRANGEBYSCORE', log, lo, hi, 'WITHSCORES')
        alertId, trigger, count, pending = newAlertId, id, best, 0
        first, last = tonumber(members[2]), tonumber(members[#members])
        for j = 1, #members, 2 do
          local m = members[j]
          addComponent(string.sub(m, string.find(m, '|', 1, true) + 1), true)
        end
        fired = true
      end
    end
  end
end

if wm then call('ZREMRANGEBYSCORE', log, '-inf', '(' .. (wm - windowMs - tolerance)) end
call('ZREMRANGEBYRANK', log, 0, -(cap + 1))
if #pushed > 0 then
  call('LPUSH', samples, unpack(pushed))
  call('LTRIM', samples, 0, sampleLimit - 1)
end

local decision = ''
if alertId and (fired or reannounce) then
  decision = 'new'
elseif alertId and pending > 0 and now - signalAt >= interval then
  decision = 'update'
end
if decision ~= '' then signalAt, pending = now, 0 end

-- Left alone, every key expires: the window after its span, an alert after idleTtl without events.
local windowTtl = windowMs + tolerance + 60000
if alertId then
  call('HSET', state, 'wm', wm, 'alertId', alertId, 'trigger', trigger, 'count', count, 'first', first,
    'last', last, 'signalAt', signalAt, 'pending', pending)
  if #added > 0 then call('SADD', comps, unpack(added)) end
  call('PEXPIRE', comps, idleTtl)
  call('PEXPIRE', state, idleTtl)
  if #pushed > 0 or fired then call('PEXPIRE', samples, idleTtl) end
else
  call('HSET', state, 'wm', wm)
  call('PEXPIRE', state, windowTtl)
  if #pushed > 0 then call('PEXPIRE', samples, windowTtl) end
end
call('PEXPIRE', log, windowTtl)

local out = {}
if decision ~= '' then out = call('LRANGE', samples, 0, -1) end
if not alertId then signalAt, pending = 0, 0 end
return {decision, alertId or '', count, first or 0, last or 0, late, dups, counted, components, out, ops, pending, signalAt}
`;

/**
 * The alerter resolved an alert: if it is still the scope's active one, forget it and the
 * window's events, so only a new burst opens the next alert. KEYS as above; ARGV: alertId.
 */
export const RESOLVE_ALERT_LUA = `
if redis.call('HGET', KEYS[2], 'alertId') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[2], 'alertId', 'trigger', 'count', 'first', 'last', 'signalAt', 'pending')
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
return 1
`;

/**
 * The flush timer's look at one scope: the Lua twin of `flushAlert` (window/sliding-window.ts).
 * If `alertId` is still active and has held counts back for `interval` since its last signal,
 * mark them sent and return them; atomically, so of two replicas flushing at once one sends.
 * KEYS as above; ARGV: now, interval, alertId.
 * Returns: {'update', alertId, errorCount, firstSeen, lastSeen, components, samples (newest first)}
 *          | {'later', dueAt} | {'gone'}
 */
export const FLUSH_ALERT_LUA = `
local state, samples, comps = KEYS[2], KEYS[3], KEYS[4]
local now, interval, alertId = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local s = redis.call('HMGET', state, 'alertId', 'count', 'first', 'last', 'signalAt', 'pending')
if s[1] ~= alertId then return {'gone'} end
local pending, signalAt = tonumber(s[6]) or 0, tonumber(s[5]) or 0
if pending == 0 then return {'gone'} end
if now < signalAt + interval then return {'later', signalAt + interval} end
redis.call('HSET', state, 'signalAt', now, 'pending', 0)
return {'update', alertId, tonumber(s[2]), tonumber(s[3]), tonumber(s[4]), redis.call('SMEMBERS', comps),
  redis.call('LRANGE', samples, 0, -1)}
`;

/**
 * Claims due flushes from the index (a zset of scope -> due time, in a slot of its own): the
 * members due by `now`, at most `limit`, each leased until `leaseUntil` so another replica skips
 * it and a claimer that dies before finishing leaves it to be claimed again.
 * KEYS: due index; ARGV: now, limit, leaseUntil. Returns the claimed members.
 */
export const CLAIM_DUE_LUA = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[3], member) end
return due
`;

/**
 * Drops a claimed member once handled, unless something re-entered it meanwhile (its score is
 * no longer our lease). KEYS: due index; ARGV: member, leaseUntil. Returns 1 when dropped.
 */
export const RELEASE_DUE_LUA = `
if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1])) ~= tonumber(ARGV[2]) then return 0 end
return redis.call('ZREM', KEYS[1], ARGV[1])
`;
