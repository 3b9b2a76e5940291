-- wrk script for bench/http_wrk.sh: each thread opens conversations for a user
-- (POST /api/v1/conversations) and posts messages into them
-- (POST /api/v1/conversations/{id}/messages), each with a unique
-- client_message_id, MESSAGES_PER_CONVERSATION per conversation, then opens a
-- new one. Stops a thread after MAX_REQUESTS requests (bounded in count as
-- well as in time by wrk -d).
-- Env: SA_TOKEN (integration token), SA_USER (user acted for), SA_MAX_REQUESTS,
-- SA_THINK_MS (a user's think time between two requests of a connection,
-- uniform in [0.5, 1.5] x the value; 0, the default, sends at once: saturation).

local token = os.getenv("SA_TOKEN")
local user = os.getenv("SA_USER") or "alice"
local max_requests = tonumber(os.getenv("SA_MAX_REQUESTS") or "2000")
local messages_per_conversation = 4
local think_ms = tonumber(os.getenv("SA_THINK_MS") or "0")
local texts = {
  "how do I set up the VPN client?",
  "my laptop is very slow since this morning",
  "I need a new monitor",
  "what is the status of my ticket?",
  "the printer on floor 2 is jammed",
  "I forgot my password",
}

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_id", thread_counter)
end

local ready = {}      -- conversation ids with no message in flight and messages left
local inflight = {}   -- ids with a message in flight, oldest first
local left = {}       -- id -> messages left
local sent = 0
local seq = 0
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. token,
  ["X-On-Behalf-Of"] = user,
}

-- A conversation gets its next message only after a reply came back, so with
-- C connections about C conversations are in progress at once, each with one
-- message in flight (replies carry no conversation id: the oldest in-flight
-- conversation is taken as answered, which is exact while replies come back in
-- order and close to it otherwise).
function request()
  sent = sent + 1
  if #ready == 0 then
    return wrk.format("POST", "/api/v1/conversations", headers,
                      '{"user":"' .. user .. '","channel":"api"}')
  end
  local id = table.remove(ready, 1)
  left[id] = left[id] - 1
  table.insert(inflight, id)
  seq = seq + 1
  local text = texts[(seq % #texts) + 1]
  local body = '{"text":"' .. text .. '","client_message_id":"wrk-' ..
               tostring(thread_id) .. '-' .. tostring(seq) .. '"}'
  return wrk.format("POST", "/api/v1/conversations/" .. id .. "/messages", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    -- The top-level "id" (keys are sorted; "channel" and "id" come first).
    local id = string.match(body, '"id":"([^"]+)"')
    if id and not left[id] then
      left[id] = messages_per_conversation
      table.insert(ready, id)
    end
  elseif #inflight > 0 then
    local id = table.remove(inflight, 1)
    if left[id] > 0 then table.insert(ready, id) end
  end
  if sent >= max_requests then wrk.thread:stop() end
end

if think_ms > 0 then
  function delay()
    return math.random(math.floor(think_ms / 2), math.floor(think_ms * 3 / 2))
  end
end
