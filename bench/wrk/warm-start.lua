-- wrk: hold each connection's first request for 200 ms, then send without delay.
-- wrk opens all its connections at once and writes their first requests straight away; a busy
-- Node server then accepts the rest about one per event-loop iteration, so those first requests
-- wait up to seconds, and wrk's latency correction turns each such wait into dozens of synthetic
-- samples (one per request the connection "would have" sent). Held back briefly, the connections
-- are all accepted while the server is idle, like an edge's long-lived connections.
-- Usage: dofile("bench/wrk/warm-start.lua") from a script, or -s bench/wrk/warm-start.lua.
local held = 0
local FIRST_DELAY_MS = 200

function delay()
  -- One thread (-t1) owns all 64 connections (docs/performance.md#p3): the first 64 calls are the first requests.
  held = held + 1
  if held <= 64 then return FIRST_DELAY_MS end
  return 0
end
