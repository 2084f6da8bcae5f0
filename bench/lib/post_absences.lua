-- bench/lib/post_absences.lua: POST /api/v1/absences with valid bodies, one new absence per
-- request. person_id cycles over the ids in $BENCH_IDS_FILE (one a line: the assistants);
-- the day moves on each time the list wraps, so the absences spread over a year.
-- Every answer must be 201 (sent after the commit); the others are counted and sampled.

dofile(os.getenv("BENCH_LIB") .. "/report.lua")

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   threads[#threads + 1] = thread
end

local ids = {}
local counter = 0
local kinds = { "vacation", "sick", "training", "interview", "other" }
-- Years past anything the demo plans, so no request meets an absence of the demo (overlapping
-- absences of one person are refused).
local base = 1893974400 -- 2030-01-07T00:00:00Z
local headers = { ["Content-Type"] = "application/json",
                  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }

-- Globals, so done() can read them with thread:get().
non201 = 0
answers = 0
bad_sample = ""

function init(args)
   local file = os.getenv("BENCH_IDS_FILE")
   for line in io.lines(file) do
      local id = tonumber(line)
      if id then ids[#ids + 1] = id end
   end
   if #ids == 0 then error("no person ids in " .. tostring(file)) end
   -- Threads start at different points of the list.
   counter = (tid or 0) * 7919
end

function request()
   local n = counter
   counter = counter + 1
   local person = ids[n % #ids + 1]
   local day = base + (math.floor(n / #ids) % 365) * 86400
   local body = string.format(
      '{"person_id":%d,"kind":"%s","start_at":"%s","end_at":"%s","note":"bench"}',
      person, kinds[n % #kinds + 1],
      os.date("!%Y-%m-%dT08:00:00Z", day), os.date("!%Y-%m-%dT17:00:00Z", day))
   return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
   answers = answers + 1
   if status ~= 201 then
      non201 = non201 + 1
      if bad_sample == "" then
         bad_sample = tostring(status) .. " " .. string.sub(tostring(body or ""), 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local bad, seen, sample = 0, 0, ""
   for _, t in ipairs(threads) do
      bad = bad + (t:get("non201") or 0)
      seen = seen + (t:get("answers") or 0)
      local s = t:get("bad_sample")
      if sample == "" and s and s ~= "" then sample = s end
   end
   bench_report(summary, latency, { non201 = bad, answers = seen })
   if sample ~= "" then
      io.write("BENCH_BAD ", (string.gsub(sample, "\n", " ")), "\n")
   end
end
