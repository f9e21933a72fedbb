-- wrk: POST the JSON bodies of a file (one per line) in turn; each thread starts at its own offset.
-- Usage: wrk ... -s bench/wrk/post-lines.lua URL -- <bodies file>
-- Connections start as in warm-start.lua (first requests held 200 ms), as /api/health's run does.
dofile("bench/wrk/warm-start.lua")
local bodies = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  i = math.random(#bodies)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
