-- bench/lib/report.lua: wrk's results as one machine-readable line for bench/run.
-- Used directly (`wrk -s report.lua`, no per-request Lua, so wrk keeps its fast path) and
-- through dofile() by the other scripts, which call bench_report() from their own done().

-- Signed in as bench/run's API token (ignored by nginx).
local token = os.getenv("BENCH_TOKEN")
if token then
   wrk.headers["Authorization"] = "Bearer " .. token
end

function bench_report(summary, latency, extra)
   local e = summary.errors
   local parts = {
      string.format("requests=%d", summary.requests),
      string.format("duration_us=%d", summary.duration),
      string.format("bytes=%d", summary.bytes),
      string.format("p50_us=%d", latency:percentile(50)),
      string.format("p90_us=%d", latency:percentile(90)),
      string.format("p99_us=%d", latency:percentile(99)),
      string.format("max_us=%d", latency.max),
      string.format("mean_us=%.0f", latency.mean),
      string.format("err_connect=%d", e.connect),
      string.format("err_read=%d", e.read),
      string.format("err_write=%d", e.write),
      string.format("err_status=%d", e.status),
      string.format("err_timeout=%d", e.timeout),
   }
   for k, v in pairs(extra or {}) do
      parts[#parts + 1] = string.format("%s=%s", k, tostring(v))
   end
   io.write("BENCH ", table.concat(parts, " "), "\n")
end

function done(summary, latency, requests)
   bench_report(summary, latency)
end
