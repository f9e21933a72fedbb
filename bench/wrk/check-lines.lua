-- wrk: GET the forward-auth check as nginx auth_request sends it, cycling through the lines of a file
-- ("<token> <stream>", one per line): Authorization: Bearer and X-Original-URI /hls/<stream>/….
-- Usage: wrk ... -s bench/wrk/check-lines.lua URL -- <lines file>
dofile("bench/wrk/warm-start.lua")
local lines = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    local token, stream = line:match("^(%S+) (%S+)$")
    lines[#lines + 1] = { token = token, stream = stream }
  end
  i = math.random(#lines)
end

function request()
  i = i % #lines + 1
  local l = lines[i]
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. l.token, ["X-Original-URI"] = "/hls/" .. l.stream .. "/seg-1.ts" }, nil)
end
