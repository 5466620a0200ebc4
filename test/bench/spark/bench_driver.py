"""The Spark peer of `npm run bench`: times exported PySpark scripts inside ONE long-lived
Python process and ONE SparkSession (local[2]), so JVM start-up is reported apart from the
queries.

    python bench_driver.py JOB_JSON RESULT_JSON

JOB_JSON: {"master": "local[2]", "conf": {k: v}, "groups": [{"name", "memory": bool,
"scripts": [path, ...]}]}. In each group the first script is the warm-up and is not
timed; every script has its own checkpoint and output folders (written by toPySpark on
the TypeScript side). A script runs with a fresh globals dict as __main__, as
test/spark/run-pyspark-scripts.py does; its `SparkSession.builder...getOrCreate()` returns
this session. The time of a run is start() to the end of awaitTermination(), i.e. the
whole script minus the few milliseconds of building the DataFrame.

For each timed run: seconds, input rows (sum of numInputRows over recentProgress, all of
it since spark.sql.streaming.numRecentProgressUpdates is raised), and for memory groups the
peak and final state rows (stateOperators[0].numRowsTotal) and the JVM's resident set
size before, at its peak (sampled every 50 ms from /proc) and after.
"""
import json
import os
import sys
import threading
import time
import traceback

from pyspark.sql import SparkSession
from pyspark.sql.streaming import StreamingQuery


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RssSampler:
    def __init__(self, pid):
        self.pid = pid
        self.peak = rss_mb(pid) or 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.05):
            now = rss_mb(self.pid)
            if now is not None and now > self.peak:
                self.peak = now

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def field(progress, name):
    return getattr(progress, name) if hasattr(progress, name) else progress[name]


def run_script(spark, path, jvm_pid, memory):
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    scope = {"__name__": "__main__", "__file__": path}
    rss_before = rss_mb(jvm_pid)
    started = time.perf_counter()
    with RssSampler(jvm_pid) as sampler:
        exec(code, scope)
    seconds = time.perf_counter() - started
    queries = [v for v in scope.values() if isinstance(v, StreamingQuery)]
    if len(queries) != 1:
        raise RuntimeError(f"{path}: expected one StreamingQuery in the script, found {len(queries)}")
    query = queries[0]
    if query.exception() is not None:
        raise RuntimeError(f"{path}: the query failed: {query.exception()}")
    progress = query.recentProgress
    result = {
        "script": os.path.basename(path),
        "seconds": seconds,
        "rows": sum(int(field(p, "numInputRows")) for p in progress),
        "batches": len(progress),
    }
    if memory:
        state = []
        for p in progress:
            ops = field(p, "stateOperators")
            state.append(int(field(ops[0], "numRowsTotal")) if ops else 0)
        result.update({
            "peakStateRows": max(state, default=0),
            "finalStateRows": state[-1] if state else 0,
            "rssBeforeMb": rss_before,
            "peakRssMb": sampler.peak,
            "rssAfterMb": rss_mb(jvm_pid),
        })
    for q in spark.streams.active:
        q.stop()
    return result


def main():
    job_path, result_path = sys.argv[1], sys.argv[2]
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    started = time.perf_counter()
    builder = SparkSession.builder.master(job.get("master", "local[2]")).appName("tidemark-bench")
    builder = builder.config("spark.ui.enabled", "false")
    for key, value in job.get("conf", {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started
    jvm_pid = int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())
    print(f"spark: session started in {startup:.1f} s (JVM pid {jvm_pid})", flush=True)

    out = {"sessionStartSeconds": startup, "sparkVersion": spark.version, "groups": []}
    failed = False
    for group in job["groups"]:
        entry = {"name": group["name"], "warmup": None, "runs": [], "error": None}
        try:
            for i, path in enumerate(group["scripts"]):
                r = run_script(spark, path, jvm_pid, group.get("memory", False))
                if i == 0 and group.get("warmup", True):
                    entry["warmup"] = r
                else:
                    entry["runs"].append(r)
                print(f"spark: {group['name']} {'warm-up' if entry['warmup'] is r else 'run'} "
                      f"{r['seconds']:.2f} s, {r['rows']} rows", flush=True)
        except BaseException:  # a script's SystemExit must not end the other groups
            entry["error"] = traceback.format_exc()
            failed = True
            print(f"spark: {group['name']} FAILED\n{entry['error']}", flush=True)
            for q in spark.streams.active:
                q.stop()
        out["groups"].append(entry)
        with open(result_path, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2)
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
