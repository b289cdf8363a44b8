-- The pairing rules of core/pairing/matchmaker.cpp, run inside Redis so that every node of a
-- --redis deployment shares one pool and every change to it is atomic: a script runs alone, so
-- nobody is ever paired twice, and a join sees everyone waiting on every node.
--
-- The two implementations are kept equal by tests/server/redis/pairing_script_test.cpp, which
-- drives this script and the C++ matchmaker with the same random operations and compares them.
--
-- EVAL <this> 0 op now_ms interest_wait_ms [args...]
--   now_ms < 0: use Redis's clock (production: one clock for all nodes); tests pass their own.
--   op = join gid mode interests [n [ak ap reports ban_ms]] | next gid [n [ak ap reports ban_ms]]
--      | leave gid [n] | report gid [n [ak ap reports ban_ms]] | disconnect gid | tick
--      | reap node [grace_ms] | heartbeat node online alive_ms [grace_ms]
--      | daykeys candidate(-1) candidate(0) candidate(+1)
--      | away gid grace_ms | takeover pid side new_gid mode interests n nonce nonce_ttl_ms
--      | hold to from text max_bytes | resumekey candidate
-- A client id (gid) is "<node>/<local id>". Interests are joined with "\n" (the codec forbids
-- control characters in them).
--
-- Effects: each change is PUBLISHed to the channel of the node that must act on it,
-- "nt:ch:<node>", in the order it happened:
--   "L\n<gid>\n<reason>\n<ops>\n<stranger gid>"      your stranger left (next/leave/disconnect)
--   "M\n<gid>\n<initiator|responder>\n<stranger gid>\n<ops>\n<pairing id>\n<common, \n-joined>"
--   "S\n<gid>\n<old stranger gid>\n<new stranger gid>"  your stranger resumed on a new connection
--   "A\n<gid>\n<stranger gid>"  your stranger is away: relay to it with op hold (kept for it)
--   "B\n<gid>\n<seconds left>"                     your address is banned: out of the queue
-- where <ops> is the number of the client's last request Redis had run (see note_ops).
-- and the same events are returned as a flat array ("L", gid, reason, "M", initiator,
-- responder, common, "B", gid, seconds) for tests.
--
-- Keys: nt:q (zset of waiting gids by arrival), nt:seq, nt:dirty, nt:exp (next interest-wait
-- expiry, ms), nt:c:<gid> (hash: node mode ints joined since seq partner avoid), nt:b:<gid> (set:
-- blocked pairs after a report), nt:n:<node> (set: the node's known gids); for bans
-- (core/moderation/report_bans.cpp, step for step) nt:ban:<key> (the ban's end, ms), nt:rep:<key>
-- (zset: reporter keys by their last report's time), nt:ak:<key> (set: gids whose address was
-- that key at their last request), nt:dk:<day> (the day key every node hashes addresses with);
-- for session resume nt:p:<pid> (hash initiator/responder: the gid holding each half of a
-- pairing), nt:pseq, nt:av:<gid> (set: who avoids gid), nt:away (zset: away gids by the end of
-- their grace), nt:nonce:<nonce> (a spent token),
-- nt:rk (the resume token key of nodes without --resume-key-file), nt:h:<gid> (list: relayed
-- messages held for an away gid), nt:hb:<gid> (their bytes), nt:fw:<gid> (where it resumed).

local op = ARGV[1]
local now = tonumber(ARGV[2])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local wait = tonumber(ARGV[3])
local result = {}

local function ck(g) return 'nt:c:' .. g end
local function bk(g) return 'nt:b:' .. g end
local function node_of(g) return string.match(g, '^(.*)/[^/]*$') end
local function field(g, f) return redis.call('HGET', ck(g), f) end

local function notify(g, msg) redis.call('PUBLISH', 'nt:ch:' .. node_of(g), msg) end

local function split(s)
  local list = {}
  if s and s ~= '' then
    for tag in string.gmatch(s, '[^\n]+') do list[#list + 1] = tag end
  end
  return list
end

-- The waiting entry of g, read once per script run.
local cache = {}
local function entry(g)
  local e = cache[g]
  if e then return e end
  local v = redis.call('HMGET', ck(g), 'mode', 'ints', 'since', 'seq')
  e = {id = g, mode = v[1], ints = split(v[2]), since = tonumber(v[3]) or now,
       seq = tonumber(v[4]) or 0}
  cache[g] = e
  return e
end

local function open_to_anyone(e)
  return #e.ints == 0 or now - e.since >= wait
end

local function share_interest(a, b)
  for _, x in ipairs(a.ints) do
    for _, y in ipairs(b.ints) do
      if x == y then return true end
    end
  end
  return false
end

local function blocked(a, b) return redis.call('SISMEMBER', bk(a), b) == 1 end
local function avoided(a, b) return field(a, 'avoid') == b or field(b, 'avoid') == a end

-- The node's number of the last request of g (join/next/leave/report) that Redis has run. Events
-- carry it, so a node can drop an event that a later request of its client already overtook.
local function ops(g) return field(g, 'ops') or '0' end

-- After a pairing ended, a half that is away keeps the pairing id and learns why (it resumes,
-- then hears `partner_left`); a present one lets go of it.
local function end_half(x, reason)
  if field(x, 'away') then
    redis.call('HSET', ck(x), 'left', reason)
  else
    redis.call('HDEL', ck(x), 'pid')
  end
end

-- x avoids y (they just split up). nt:av:<y> lists who avoids y, so that a resume (takeover)
-- can point them at y's new gid, as the matchmaker's rename does.
local function set_avoid(x, y)
  local before = field(x, 'avoid')
  if before then redis.call('SREM', 'nt:av:' .. before, x) end
  redis.call('HSET', ck(x), 'avoid', y)
  redis.call('SADD', 'nt:av:' .. y, x)
end

-- nt:p:<pid> goes once no half holds the pairing any more (the expiry is only a safety net).
local function release_pid(pid)
  if not pid then return end
  for _, g in ipairs(redis.call('HVALS', 'nt:p:' .. pid)) do
    if field(g, 'pid') == pid then return end
  end
  redis.call('DEL', 'nt:p:' .. pid)
end

local function unpair(g, reason)
  local p = field(g, 'partner')
  if not p then return end
  local pid = field(g, 'pid')
  redis.call('HDEL', ck(g), 'partner')
  redis.call('HDEL', ck(p), 'partner')
  end_half(g, reason)
  end_half(p, reason)
  release_pid(pid)
  set_avoid(g, p)
  set_avoid(p, g)
  notify(p, 'L\n' .. p .. '\n' .. reason .. '\n' .. ops(p) .. '\n' .. g)
  result[#result + 1] = 'L'
  result[#result + 1] = p
  result[#result + 1] = reason
end

local function dequeue(g)
  if redis.call('ZREM', 'nt:q', g) == 1 then redis.call('SET', 'nt:dirty', '1') end
end

local function queue() return redis.call('ZRANGE', 'nt:q', 0, -1) end

-- A pair that just split up stays apart while someone else of their mode waits who could be
-- paired with either of them (someone blocked with both never could).
local function someone_else_for(w, partner)
  for _, z in ipairs(queue()) do
    if z ~= w.id and z ~= partner and entry(z).mode == w.mode then
      if blocked(w.id, z) then
        if not blocked(partner, z) then return true end
      elseif not avoided(w.id, z) then
        return true
      end
    end
  end
  return false
end

local function find_partner(w)
  local anyone, skipped
  local w_open = open_to_anyone(w)
  for _, z in ipairs(queue()) do
    if z ~= w.id then
      local e = entry(z)
      if e.mode == w.mode and not blocked(w.id, z) then
        local common = share_interest(w, e)
        if common or (w_open and open_to_anyone(e)) then
          if avoided(w.id, z) then
            if not skipped then skipped = z end
          elseif common then
            return z  -- the oldest common match wins
          elseif not anyone then
            anyone = z
          end
        end
      end
    end
  end
  if anyone then return anyone end
  if skipped and not someone_else_for(w, skipped) then return skipped end
  return nil
end

-- How long a pairing's id finds its halves (a resume token is refreshed through the call).
local pairing_lifetime_ms = 86400000

local function pair(x, y)
  local a, b = entry(x), entry(y)
  if b.seq < a.seq then a, b = b, a end  -- the one who waited longer makes the offer
  local common = {}
  for _, tag in ipairs(a.ints) do
    for _, other in ipairs(b.ints) do
      if tag == other then common[#common + 1] = tag break end
    end
  end
  local joined = table.concat(common, '\n')
  -- The pairing's id, for resume tokens: Redis's own clock (also when a test passes `now`) and a
  -- counter, so an id is never given twice, not even after Redis lost its data.
  local t = redis.call('TIME')
  local pid = string.format('%x-%x-%x', tonumber(t[1]), tonumber(t[2]),
                            redis.call('INCR', 'nt:pseq'))
  redis.call('HSET', 'nt:p:' .. pid, 'initiator', a.id, 'responder', b.id)
  redis.call('PEXPIRE', 'nt:p:' .. pid, pairing_lifetime_ms)
  redis.call('HSET', ck(a.id), 'partner', b.id, 'pid', pid)
  redis.call('HSET', ck(b.id), 'partner', a.id, 'pid', pid)
  redis.call('HDEL', ck(a.id), 'left')
  redis.call('HDEL', ck(b.id), 'left')
  redis.call('ZREM', 'nt:q', a.id, b.id)
  notify(a.id, 'M\n' .. a.id .. '\ninitiator\n' .. b.id .. '\n' .. ops(a.id) .. '\n' .. pid ..
               '\n' .. joined)
  notify(b.id, 'M\n' .. b.id .. '\nresponder\n' .. a.id .. '\n' .. ops(b.id) .. '\n' .. pid ..
               '\n' .. joined)
  result[#result + 1] = 'M'
  result[#result + 1] = a.id
  result[#result + 1] = b.id
  result[#result + 1] = joined
end

local function lower_expiry(at)
  local cur = tonumber(redis.call('GET', 'nt:exp'))
  if not cur or at < cur then redis.call('SET', 'nt:exp', at) end
end

local function enqueue_and_match(g)
  local seq = redis.call('INCR', 'nt:seq')
  redis.call('HSET', ck(g), 'since', now, 'seq', seq)
  redis.call('ZADD', 'nt:q', seq, g)
  cache[g] = nil
  local w = entry(g)
  local p = find_partner(w)
  if p then
    pair(p, g)
  elseif #w.ints > 0 then
    lower_expiry(now + wait)
  end
end

local function next_of(g)
  if field(g, 'joined') ~= '1' then return end  -- never joined: stays idle
  unpair(g, 'next')
  dequeue(g)
  enqueue_and_match(g)
end

local function disconnect(g)
  unpair(g, 'disconnect')
  dequeue(g)
  redis.call('ZREM', 'nt:away', g)
  local ak = field(g, 'ak')
  if ak then redis.call('SREM', 'nt:ak:' .. ak, g) end
  for _, other in ipairs(redis.call('SMEMBERS', bk(g))) do redis.call('SREM', bk(other), g) end
  local pid = field(g, 'pid')
  local avoids = field(g, 'avoid')
  if avoids then redis.call('SREM', 'nt:av:' .. avoids, g) end
  redis.call('DEL', bk(g), ck(g), 'nt:h:' .. g, 'nt:hb:' .. g, 'nt:av:' .. g)
  redis.call('SREM', 'nt:n:' .. node_of(g), g)
  release_pid(pid)
end

-- g's socket was lost (a drop, a drain, its node died): in a call, and with resume on (grace > 0),
-- it is waited for until now + grace (its stranger is told nothing); otherwise it is gone.
-- An away client belongs to no node: the reap of the node it was on leaves it alone.
local function away(g, grace)
  local p = field(g, 'partner')
  if grace > 0 and p then
    redis.call('HSET', ck(g), 'away', now + grace)
    redis.call('ZADD', 'nt:away', now + grace, g)
    redis.call('SREM', 'nt:n:' .. node_of(g), g)
    -- The stranger's node relays to g through op hold from now on (held for its return).
    notify(p, 'A\n' .. p .. '\n' .. g)
  else
    disconnect(g)
  end
end

local function reap(node, grace)
  for _, g in ipairs(redis.call('SMEMBERS', 'nt:n:' .. node)) do away(g, grace) end
  redis.call('DEL', 'nt:n:' .. node)
end

-- A relayed message from `from` to `to`, who is away: kept for it (nt:h:<to>, at most max_bytes;
-- past that its grace ends at once, as a full send queue closes a connection). If `to` resumed
-- already (nt:fw:<to>: its new gid), the message goes there.
local function hold(to, from, text, max_bytes)
  if field(to, 'away') and field(to, 'partner') == from then
    local bytes = redis.call('INCRBY', 'nt:hb:' .. to, #text)
    if max_bytes > 0 and bytes > max_bytes then
      redis.call('ZADD', 'nt:away', now, to)
      return
    end
    redis.call('RPUSH', 'nt:h:' .. to, text)
    local left = math.max(1000, tonumber(field(to, 'away')) - now + 60000)
    redis.call('PEXPIRE', 'nt:h:' .. to, left)
    redis.call('PEXPIRE', 'nt:hb:' .. to, left)
    return
  end
  local moved = redis.call('GET', 'nt:fw:' .. to)
  if moved and field(moved, 'partner') == from then
    notify(moved, 'R\n' .. moved .. '\n' .. from .. '\n' .. text)
  end
end

-- The away clients whose grace ended are gone: their strangers hear `disconnect` now.
local function expire_away()
  for _, g in ipairs(redis.call('ZRANGEBYSCORE', 'nt:away', '-inf', now)) do disconnect(g) end
end

-- Session resume: the half `side` of pairing `pid` goes on as `new` (a client's new connection,
-- on any node). Everything of the old record moves; the stranger's node hears `S` (its relay
-- target moved). Reply: T ok side stranger(or '') left_reason(or '') pid stranger_away('1' or '')
-- held... | T used | T gone.
local function move_set_member(set, old, new)
  if redis.call('SREM', set, old) == 1 then redis.call('SADD', set, new) end
end

local function takeover(pid, side, new, mode, ints, n, nonce, nonce_ttl)
  if nonce ~= '' and not redis.call('SET', 'nt:nonce:' .. nonce, '1', 'NX', 'PX', nonce_ttl) then
    return {'T', 'used'}
  end
  local old = redis.call('HGET', 'nt:p:' .. pid, side)
  if not old or field(old, 'pid') ~= pid then return {'T', 'gone'} end
  if old ~= new then
    redis.call('RENAME', ck(old), ck(new))
    for _, other in ipairs(redis.call('SMEMBERS', bk(old))) do move_set_member(bk(other), old, new) end
    if redis.call('EXISTS', bk(old)) == 1 then redis.call('RENAME', bk(old), bk(new)) end
    local ak = field(new, 'ak')
    if ak then move_set_member('nt:ak:' .. ak, old, new) end
    local avoids = field(new, 'avoid')
    if avoids then move_set_member('nt:av:' .. avoids, old, new) end
    for _, x in ipairs(redis.call('SMEMBERS', 'nt:av:' .. old)) do
      redis.call('HSET', ck(x), 'avoid', new)
    end
    if redis.call('EXISTS', 'nt:av:' .. old) == 1 then
      redis.call('RENAME', 'nt:av:' .. old, 'nt:av:' .. new)
    end
    redis.call('SREM', 'nt:n:' .. node_of(old), old)
    local seq = redis.call('ZSCORE', 'nt:q', old)
    if seq then
      redis.call('ZREM', 'nt:q', old)
      redis.call('ZADD', 'nt:q', seq, new)
    end
    local p = field(new, 'partner')
    if p then
      redis.call('HSET', ck(p), 'partner', new)
      redis.call('HSET', 'nt:p:' .. pid, side, new)
      notify(p, 'S\n' .. p .. '\n' .. old .. '\n' .. new)
    end
  end
  redis.call('ZREM', 'nt:away', old)
  redis.call('HDEL', ck(new), 'away')
  redis.call('SADD', 'nt:n:' .. node_of(new), new)
  redis.call('HSET', ck(new), 'mode', mode, 'ints', ints, 'ops', n)
  redis.call('PEXPIRE', 'nt:p:' .. pid, pairing_lifetime_ms)
  local p = field(new, 'partner') or ''
  local left = ''
  if p == '' then
    -- The stranger left while this one was away: it resumes, then hears why.
    left = field(new, 'left') or 'disconnect'
    redis.call('HDEL', ck(new), 'pid', 'left')
    release_pid(pid)
  end
  -- What the stranger sent meanwhile, in order; later messages to `old` follow it to `new`.
  -- Whether the stranger is away too (both halves lost, this one back first): its node is no
  -- relay target, so this node relays to it through op hold, which keeps or forwards.
  local stranger_away = (p ~= '' and field(p, 'away')) and '1' or ''
  local reply = {'T', 'ok', side, p, left, pid, stranger_away}
  if old ~= new then
    for _, text in ipairs(redis.call('LRANGE', 'nt:h:' .. old, 0, -1)) do
      reply[#reply + 1] = text
    end
    redis.call('DEL', 'nt:h:' .. old, 'nt:hb:' .. old)
    redis.call('SET', 'nt:fw:' .. old, new, 'PX', 60000)
  end
  return reply
end

local function tick()
  expire_away()
  local exp = tonumber(redis.call('GET', 'nt:exp'))
  if redis.call('GET', 'nt:dirty') ~= '1' and (not exp or now < exp) then return end
  redis.call('SET', 'nt:dirty', '0')
  for _, g in ipairs(queue()) do
    if redis.call('ZSCORE', 'nt:q', g) then
      local p = find_partner(entry(g))
      if p then pair(g, p) end
    end
  end
  redis.call('DEL', 'nt:exp')
  for _, g in ipairs(queue()) do
    local e = entry(g)
    if #e.ints > 0 and not open_to_anyone(e) then lower_expiry(e.since + wait) end
  end
end

-- --- Bans: core/moderation/report_bans.cpp and server/memory_pool.cpp, step for step ---------

local report_window_ms = 3600000

local function seconds(ms) return math.ceil(ms / 1000) end

-- What is left of a ban of the address (cur, prev), 0 when none; a ban found under the previous
-- key only is copied to the current one, so it outlives the next rotation too.
local function ban_left(cur, prev)
  local best = now
  for _, k in ipairs({cur, prev}) do
    if k ~= '' then
      local u = tonumber(redis.call('GET', 'nt:ban:' .. k))
      if u and u > best then best = u end
    end
  end
  if best <= now then return 0 end
  if cur ~= '' then
    local mine = tonumber(redis.call('GET', 'nt:ban:' .. cur))
    if not mine or mine < best then
      redis.call('SET', 'nt:ban:' .. cur, best, 'PX', best - now)
    end
  end
  return best - now
end

-- A reporter at (qc, qp) reported the address (rc, rp): the ban's length when this starts one.
local function count_report(rc, rp, qc, qp, reports, ban_ms)
  if reports <= 0 or rc == '' or qc == '' then return nil end
  if ban_left(rc, rp) > 0 then return nil end
  local w = 'nt:rep:' .. rc
  if rp ~= '' and rp ~= rc and redis.call('EXISTS', 'nt:rep:' .. rp) == 1 then
    redis.call('ZUNIONSTORE', w, 2, w, 'nt:rep:' .. rp, 'AGGREGATE', 'MAX')
    redis.call('DEL', 'nt:rep:' .. rp)
  end
  redis.call('ZREMRANGEBYSCORE', w, '-inf', now - report_window_ms)
  if not redis.call('ZSCORE', w, qc) and qp ~= '' and redis.call('ZSCORE', w, qp) then
    redis.call('ZADD', w, now, qp)
  else
    redis.call('ZADD', w, now, qc)
  end
  if redis.call('ZCARD', w) < reports then
    redis.call('PEXPIRE', w, report_window_ms)
    return nil
  end
  redis.call('DEL', w)
  redis.call('SET', 'nt:ban:' .. rc, now + ban_ms, 'PX', ban_ms)
  return ban_ms
end

local function tell_banned(g, ms)
  notify(g, 'B\n' .. g .. '\n' .. seconds(ms))
  result[#result + 1] = 'B'
  result[#result + 1] = g
  result[#result + 1] = tostring(seconds(ms))
end

-- A banned requester leaves its stranger and the queue and is told so: true. False otherwise.
local function refused(g, ak, ap)
  local left = ban_left(ak, ap)
  if left <= 0 then return false end
  unpair(g, 'leave')
  dequeue(g)
  tell_banned(g, left)
  return true
end

-- The address of a client that joined, as of its last request (what reports count against).
local function set_address(g, ak, ap)
  local old = field(g, 'ak')
  if old and old ~= ak then redis.call('SREM', 'nt:ak:' .. old, g) end
  if ak == '' then
    redis.call('HDEL', ck(g), 'ak', 'ap')
    return
  end
  redis.call('HSET', ck(g), 'ak', ak, 'ap', ap)
  if old ~= ak then redis.call('SADD', 'nt:ak:' .. ak, g) end
end

-- Every client whose address is `key` leaves the queue and hears of the ban (a call goes on).
local function start_ban(key, ms)
  local members = redis.call('SMEMBERS', 'nt:ak:' .. key)
  table.sort(members)
  for _, g in ipairs(members) do
    if redis.call('ZSCORE', 'nt:q', g) then dequeue(g) end
    tell_banned(g, ms)
  end
end

-- The address arguments from ARGV[i] on: ak, ap, reports, ban_ms.
local function ban_args(i)
  return ARGV[i] or '', ARGV[i + 1] or '', tonumber(ARGV[i + 2]) or 0, tonumber(ARGV[i + 3]) or 0
end

-- The request's number, when the node sent one (the last argument of join/next/leave/report).
local function note_ops(g, n)
  if n and n ~= '' then redis.call('HSET', ck(g), 'ops', n) end
end

if op == 'join' then
  note_ops(ARGV[4], ARGV[7])
  local g = ARGV[4]
  local ak, ap = ban_args(8)
  redis.call('SADD', 'nt:n:' .. node_of(g), g)
  if not refused(g, ak, ap) then
    unpair(g, 'next')
    dequeue(g)
    redis.call('HSET', ck(g), 'mode', ARGV[5], 'ints', ARGV[6], 'joined', '1')
    set_address(g, ak, ap)
    enqueue_and_match(g)
  end
elseif op == 'next' then
  local g = ARGV[4]
  if field(g, 'joined') == '1' then
    note_ops(g, ARGV[5])
    local ak, ap = ban_args(6)
    if not refused(g, ak, ap) then
      set_address(g, ak, ap)
      next_of(g)
    end
  end
elseif op == 'leave' then
  if redis.call('EXISTS', ck(ARGV[4])) == 1 then note_ops(ARGV[4], ARGV[5]) end
  unpair(ARGV[4], 'leave')
  dequeue(ARGV[4])
elseif op == 'report' then
  local g = ARGV[4]
  local p = field(g, 'partner')
  if p then
    note_ops(g, ARGV[5])
    local ak, ap, reports, ban_ms = ban_args(6)
    if not refused(g, ak, ap) then
      set_address(g, ak, ap)
      local rc, rp = field(p, 'ak') or '', field(p, 'ap') or ''
      local length = count_report(rc, rp, ak, ap, reports, ban_ms)
      if length then start_ban(rc, length) end
      if length and rc == ak then
        -- Reported someone at its own address: banned with it, not queued again.
        unpair(g, 'leave')
        dequeue(g)
      else
        redis.call('SADD', bk(g), p)
        redis.call('SADD', bk(p), g)
        next_of(g)
      end
    end
  end
elseif op == 'disconnect' then
  disconnect(ARGV[4])
elseif op == 'away' then
  away(ARGV[4], tonumber(ARGV[5]) or 0)
elseif op == 'hold' then
  hold(ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]) or 0)
elseif op == 'takeover' then
  return takeover(ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10] or '',
                  tonumber(ARGV[11]) or 60000)
elseif op == 'tick' then
  tick()
elseif op == 'reap' then
  -- A node died: its clients are gone (or away, waited for, when in a call with resume on);
  -- their strangers are told, the queue forgets them.
  reap(ARGV[4], tonumber(ARGV[5]) or 0)
elseif op == 'heartbeat' then
  -- heartbeat node online alive_ms [grace_ms]: this node lives (for alive_ms more) with `online`
  -- clients. grace_ms: how long a reaped node's clients in calls are waited for (resume).
  -- Nodes whose own heartbeat ran out are reaped here, by whichever node comes first. The
  -- reply ends with "O", everyone online on every node.
  local node = ARGV[4]
  redis.call('SET', 'nt:alive:' .. node, '1', 'PX', ARGV[6])
  redis.call('SADD', 'nt:nodes', node)
  redis.call('HSET', 'nt:online', node, ARGV[5])
  for _, n in ipairs(redis.call('SMEMBERS', 'nt:nodes')) do
    if redis.call('EXISTS', 'nt:alive:' .. n) == 0 then
      reap(n, tonumber(ARGV[7]) or 0)
      redis.call('SREM', 'nt:nodes', n)
      redis.call('HDEL', 'nt:online', n)
    end
  end
  local total = 0
  for _, v in ipairs(redis.call('HVALS', 'nt:online')) do total = total + tonumber(v) end
  result[#result + 1] = 'O'
  result[#result + 1] = tostring(total)
elseif op == 'daykeys' then
  -- daykeys c1 c2 c3: the day keys of yesterday, today and tomorrow (UTC, by `now`), each made
  -- from the first candidate any node offered; every node hashes addresses with the same ones.
  -- Reply: "K", today, key(yesterday), key(today), key(tomorrow).
  local day = math.floor(now / 86400000)
  result[#result + 1] = 'K'
  result[#result + 1] = tostring(day)
  for i = -1, 1 do
    local k = 'nt:dk:' .. tostring(day + i)
    redis.call('SET', k, ARGV[5 + i], 'NX', 'PX', 4 * 86400000)
    result[#result + 1] = redis.call('GET', k)
  end
elseif op == 'resumekey' then
  -- resumekey candidate: the key every node without a key file signs resume tokens with, set
  -- once by whichever node comes first (kept while Redis keeps its data: the pairings the
  -- tokens name live here too). Reply: "RK", key.
  redis.call('SET', 'nt:rk', ARGV[4], 'NX')
  result[#result + 1] = 'RK'
  result[#result + 1] = redis.call('GET', 'nt:rk')
else
  return redis.error_reply('unknown op ' .. tostring(op))
end
return result
