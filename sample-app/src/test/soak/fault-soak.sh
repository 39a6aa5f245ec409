#!/usr/bin/env bash
# Fault soak of several processes on one host (issue 17 point 11), not part of `mvn verify`.
#
# Three sample-app JVMs (role auto, one JSON file, 1 s reports) under wrk load on loopback for
# DURATION seconds; every KILL_EVERY seconds the current leader is SIGKILLed and started again on
# the same HTTP port. Meanwhile the JSON report is read every 50 ms (never partial?) and each JVM's
# heap sampled with jstat every 5 s. At the end the load stops, each process's own lifetime totals
# are read from its /actuator/pycounters, and every merged running total of the leader's next
# report must equal their sum; then all three are closed with SIGTERM and the final report checked
# the same way.
#
#   sample-app/src/test/soak/fault-soak.sh                 # 300 s, a kill every 30 s
#   DURATION=60 KILL_EVERY=20 sample-app/src/test/soak/fault-soak.sh
#
# Needs: java, python3, wrk, jstat, ss; a built sample-app jar (it runs `mvn -o -q -pl sample-app -am
# package -DskipTests` when there is none). Writes target/soak/ (logs, summary.txt); exits 1 on a
# failed check.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
JAR=$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then
    mvn -o -q -pl sample-app -am package -DskipTests -Dmaven.javadoc.skip
    JAR=$(ls sample-app/target/sample-app-*.jar | grep -v plain | head -1)
fi
for tool in wrk jstat ss python3; do
    command -v "$tool" >/dev/null || { echo "fault-soak: $tool is not installed (wrk: the Debian package wrk)"; exit 2; }
done
OUT=sample-app/target/soak
rm -rf "$OUT" && mkdir -p "$OUT"
exec python3 - "$JAR" "$OUT" "${DURATION:-300}" "${KILL_EVERY:-30}" <<'PY'
import json, os, random, signal, socket, subprocess, sys, threading, time, urllib.request

jar, out, duration, kill_every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
TOTALS = ["posts", "search.count"]   # the running totals (EventCounter) of this configuration

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

mp_ports = [free_port(), free_port()]
http_ports = [free_port() for _ in range(3)]
json_path = os.path.abspath(os.path.join(out, "counters.json"))
secret = "fault-soak-%016x" % random.getrandbits(64)
procs = [None] * 3
starts = [0] * 3
lock = threading.Lock()
stop = threading.Event()
report_times = []
killed_at = []
figures = {"json_reads": 0, "json_partial": 0, "json_without_nodes": 0, "kills": 0, "restarts": 0,
           "heap_max_used_mb": 0.0, "old_max_used_mb": 0.0, "heap_samples": 0}

def start(i):
    starts[i] += 1
    log = open(os.path.join(out, "app%d-%d.log" % (i, starts[i])), "w")
    args = ["java", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-jar", jar,
            "--server.port=%d" % http_ports[i], "--sample.load.enabled=false", "--pycounters.log.enabled=false",
            "--pycounters.report-interval=1s", "--pycounters.json.path=" + json_path,
            "--pycounters.multiprocess.role=auto",
            "--pycounters.multiprocess.ports=%d,%d" % tuple(mp_ports), "--pycounters.multiprocess.secret=" + secret,
            "--pycounters.instrument[0].type=org.springframework.jdbc.core.JdbcTemplate",
            "--pycounters.instrument[0].methods=query*, update*", "--pycounters.instrument[0].timed=db",
            "--pycounters.instrument[1].type=io.pycounters.sample.search.SearchService",
            "--pycounters.instrument[1].methods=search", "--pycounters.instrument[1].counted=search.count",
            "--spring.output.ansi.enabled=never"]
    procs[i] = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)

def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())

def await_up(i, patience=240):
    deadline = time.time() + patience
    while time.time() < deadline:
        if procs[i].poll() is not None:
            raise SystemExit("fault-soak: app%d exited with %s; see %s" % (i, procs[i].returncode, out))
        try:
            get("http://127.0.0.1:%d/actuator/health" % http_ports[i], 2)
            return
        except Exception:
            time.sleep(0.5)
    raise SystemExit("fault-soak: app%d did not start within %d s" % (i, patience))

def leader_index():
    # The process that listens on the first multiprocess port (ss shows the pid of a socket we own).
    for port in mp_ports:
        line = subprocess.run(["ss", "-ltnpH", "sport = :%d" % port], capture_output=True, text=True).stdout
        for i, p in enumerate(procs):
            if p is not None and p.poll() is None and ("pid=%d," % p.pid) in line:
                return i
    return None

def poll_json():
    while not stop.is_set():
        try:
            with open(json_path) as f:
                text = f.read()
        except FileNotFoundError:
            time.sleep(0.05)
            continue
        figures["json_reads"] += 1
        try:
            report = json.loads(text)
            if not report.get("__node_reports__"):
                figures["json_without_nodes"] += 1
            at = report.get("__collection_time__")
            if at is not None and (not report_times or at != report_times[-1]):
                report_times.append(at)
        except ValueError:
            figures["json_partial"] += 1
            with open(os.path.join(out, "partial-%d.json" % figures["json_partial"]), "w") as f:
                f.write(text)
        time.sleep(0.05)

def sample_heap():
    while not stop.wait(5):
        for p in list(procs):
            if p is None or p.poll() is not None:
                continue
            r = subprocess.run(["jstat", "-gc", str(p.pid)], capture_output=True, text=True)
            lines = r.stdout.split("\n")
            if len(lines) < 2 or not lines[1].strip():
                continue
            row = dict(zip(lines[0].split(), lines[1].split()))
            try:
                used = sum(float(row[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
                old = float(row["OU"]) / 1024
            except (KeyError, ValueError):
                continue
            figures["heap_samples"] += 1
            figures["heap_max_used_mb"] = max(figures["heap_max_used_mb"], used)
            figures["old_max_used_mb"] = max(figures["old_max_used_mb"], old)

LUA = os.path.join(out, "mix.lua")
with open(LUA, "w") as f:
    f.write("""
local n = 0
request = function()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("POST", "/posts", {["Content-Type"] = "application/json"}, '{"author":"soak","text":"post ' .. n .. '"}')
  end
  return wrk.format("GET", "/search?q=post" .. (n % 50))
end
-- At most 100 requests a second a connection: load, not a CPU-starving flood on a shared host.
delay = function() return 10 end
""")

def check_totals(label, own, merged):
    problems = []
    for name in TOTALS:
        expected = sum((o.get(name) or 0.0) for o in own)
        got = merged.get(name) or 0.0
        if abs(got - expected) > 1e-9:
            problems.append("%s: merged %s != %s, the sum of %s" % (name, got, expected, [o.get(name) for o in own]))
    line = "%s (%d processes merged): %s" % (label, len(merged.get("__node_reports__", {})), ", ".join(
        "%s merged %s, own totals %s" % (n, merged.get(n), [o.get(n) for o in own]) for n in TOTALS))
    return line, problems

try:
    for i in range(3):
        start(i)
    for i in range(3):
        await_up(i)
    threading.Thread(target=poll_json, daemon=True).start()
    threading.Thread(target=sample_heap, daemon=True).start()
    began = time.time()
    wrks = []
    def load(i):
        # wrk against one process until the soak's end; against a dead one it would spin on errors.
        seconds = int(duration - (time.time() - began))
        if seconds < 2:
            return
        w = subprocess.Popen(["wrk", "-t1", "-c2", "-d%ds" % seconds, "-s", LUA, "--timeout", "5s",
                              "http://127.0.0.1:%d" % http_ports[i]],
                             stdout=open(os.path.join(out, "wrk%d-%d.txt" % (i, starts[i])), "w"), stderr=subprocess.STDOUT)
        with lock:
            wrks.append((i, w))
    def load_when_up(i):
        await_up(i)
        load(i)
    for i in range(3):
        load(i)
    next_kill = began + kill_every
    while time.time() - began < duration:
        time.sleep(0.5)
        for i, p in enumerate(procs):
            if p.poll() is not None and p.returncode not in (-9, 137):
                raise SystemExit("fault-soak: app%d died by itself (%s); see %s" % (i, p.returncode, out))
        if time.time() >= next_kill and time.time() - began < duration - 5:
            next_kill += kill_every
            i = leader_index()
            if i is None:
                print("fault-soak: no leader at %.0f s (electing)" % (time.time() - began), flush=True)
                continue
            procs[i].send_signal(signal.SIGKILL)
            procs[i].wait()
            killed_at.append(time.time())
            with lock:
                for j, w in wrks:
                    if j == i and w.poll() is None:
                        w.terminate()
            figures["kills"] += 1
            print("fault-soak: %.0f s: SIGKILLed the leader app%d; starting it again" % (time.time() - began, i), flush=True)
            start(i)
            figures["restarts"] += 1
            threading.Thread(target=load_when_up, args=(i,), daemon=True).start()
    for _, w in list(wrks):
        w.wait()
    for i in range(3):
        await_up(i)
    time.sleep(3)
    # Each process's own lifetime totals, then the leader's next reports, which merge them.
    own = [get("http://127.0.0.1:%d/actuator/pycounters" % port) for port in http_ports]
    time.sleep(3)
    with open(json_path) as f:
        merged = json.load(f)
    own_again = [get("http://127.0.0.1:%d/actuator/pycounters" % port) for port in http_ports]
    failures = []
    if [[o.get(n) for n in TOTALS] for o in own] != [[o.get(n) for n in TOTALS] for o in own_again]:
        failures.append("the totals still moved after the load stopped")
    nodes = len(merged.get("__node_reports__", {}))
    if nodes != 3:
        failures.append("the last report merged %d processes, not 3" % nodes)
    line, problems = check_totals("last report", own, merged)
    failures += problems
    # Closing: SIGTERM to the leader, whose final report collects the two others, read as soon as it
    # has exited (before one of them, leading next, reports over it); then the others.
    first = leader_index()
    procs[first].send_signal(signal.SIGTERM)
    procs[first].wait(timeout=60)
    with open(json_path) as f:
        final = json.load(f)
    for i in range(3):
        if i != first:
            procs[i].send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(timeout=60)
    final_line, problems = check_totals("the leader's final report at SIGTERM", own, final)
    failures += problems
    if len(final.get("__node_reports__", {})) != 3:
        failures.append("the final report merged %d processes, not 3" % len(final.get("__node_reports__", {})))
    stop.set()
    time.sleep(0.2)
    if figures["json_partial"]:
        failures.append("%d partial JSON reads" % figures["json_partial"])
    requests = 0
    errors = []
    for name in sorted(os.listdir(out)):
        if name.startswith("wrk"):
            with open(os.path.join(out, name)) as f:
                for l in f:
                    if "requests in" in l:
                        requests += int(l.split()[0])
                    if "Socket errors" in l or "Non-2xx" in l:
                        errors.append(name + ": " + l.strip())
    # The longest time without a new report after each kill: failover, and the next 1 s report.
    gaps = []
    for k in killed_at:
        later = [t for t in report_times if t > k]
        if later:
            gaps.append(later[0] - k)
    summary = "\n".join([
        "fault soak: 3 sample-app JVMs (-Xmx256m), wrk -t1 -c2 (10 ms delay a connection) each, %d s, the leader"
        " SIGKILLed every %d s and restarted" % (duration, kill_every),
        "kills: %d, restarts: %d" % (figures["kills"], figures["restarts"]),
        line, final_line,
        "JSON report read %d times every 50 ms: %d partial, %d without __node_reports__"
        % (figures["json_reads"], figures["json_partial"], figures["json_without_nodes"]),
        "heap (jstat every 5 s, %d samples): at most %.1f MB used, old generation at most %.1f MB"
        % (figures["heap_samples"], figures["heap_max_used_mb"], figures["old_max_used_mb"]),
        "first report after each kill: %s s (max %.2f s)" % (", ".join("%.2f" % g for g in gaps), max(gaps or [0])),
        "wrk: %d requests in all; %s" % (requests, "; ".join(errors) or "no socket errors"),
        "result: " + ("FAILED: " + "; ".join(failures) if failures else "passed")])
    print(summary)
    with open(os.path.join(out, "summary.txt"), "w") as f:
        f.write(summary + "\n")
    sys.exit(1 if failures else 0)
finally:
    stop.set()
    for p in procs:
        if p is not None and p.poll() is None:
            p.kill()
PY
