"""Runs every conformance scenario on Apache Spark in ONE Python process and ONE SparkSession.

    python spark-runner.py MANIFEST_JSON OUTPUT_JSON

MANIFEST_JSON (written by test/spark/harness/spark-manifest.ts):
    {"scenarios": [{"name", "script", "inputDir", "workDir", "steps": [{"files": [
        {"name", "text", "mtimeMs"}]}]}]}

For each scenario the exported PySpark script (engine/export/to-pyspark.ts) is exec'd as
`__main__`. Its `writeStream...foreachBatch(write_batch)...start()` is intercepted: the
script's stand-in function is replaced by a collector, `start()` is recorded and
`awaitTermination()` returns at once, so the runner can then drive the query itself:
for each step it publishes the step's files and calls `processAllAvailable()` (which
returns only after the no-data batches a moved watermark asks for, MicroBatchExecution).

Publishing is atomic: `inputDir` is a symlink to a generation folder holding every file
published so far (hard links, so paths and mtimes never change); a step builds the next
generation beside it and swaps the link with one rename. A query polling between two file
writes could otherwise split one step's files over two micro-batches.

Scenarios run a few at a time (TIDEMARK_CONFORMANCE_PARALLEL, default 3) in the same
session: the script and its query start one at a time, then the started queries, which
each hold a copy of the settings they started with, run their steps side by side.

Each micro-batch's rows are rendered by Spark itself with
`to_json(struct(*), timestampFormat=...SSSSSSXXX, ignoreNullFields=false)`, so timestamps
arrive as ISO UTC strings to the microsecond, doubles as numbers ("NaN"/"Infinity"
quoted), nulls kept; `schema` carries each column's Spark type for typed comparison.

Writes OUTPUT_JSON:
    {"sparkVersion", "startupSeconds", "totalSeconds", "scenarios": {name: {
        "ok", "seconds", "batches": [{"batchId", "schema": [{"name", "type"}], "rows": [[...]]}],
        "progress": [{"batchId", "numInputRows", "watermark", "stateOperators": [...]}],
        "error": null | {"phase", "type", "condition", "classes", "message"}}}}
"""
import base64
import json
import os
import re
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

# PySpark turns TimestampType values into naive local datetimes; pin the zone before any
# datetime work so nothing depends on the machine's zone (Spark's suites pin it too).
os.environ["TZ"] = "UTC"
time.tzset()

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql.streaming.query import StreamingQuery  # noqa: E402
from pyspark.sql.streaming.readwriter import DataStreamWriter  # noqa: E402

PARALLEL = int(os.environ.get("TIDEMARK_CONFORMANCE_PARALLEL", "3"))
STEP_TIMEOUT_S = float(os.environ.get("TIDEMARK_CONFORMANCE_STEP_TIMEOUT", "120"))
TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"
ERROR_CLASS = re.compile(r"\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)*)\]")


class Capture:
    """What the intercepted DataStreamWriter calls recorded for the running scenario."""

    def __init__(self):
        self.batches = []
        self.query = None
        self.lock = threading.Lock()

    def collect(self, batch_df, batch_id):
        names = [f"_{i}" for i in range(len(batch_df.columns))]
        schema = [{"name": f.name, "type": f.dataType.simpleString()} for f in batch_df.schema.fields]
        rendered = batch_df.toDF(*names).select(
            F.to_json(
                F.struct(*names),
                {"timestampFormat": TIMESTAMP_FORMAT, "ignoreNullFields": "false"},
            ).alias("j")
        )
        rows = []
        for r in rendered.collect():
            obj = json.loads(r["j"])
            rows.append([obj.get(n) for n in names])
        with self.lock:
            self.batches.append({"batchId": int(batch_id), "schema": schema, "rows": rows})


# The exported script runs under SETUP_LOCK (its builder .config() calls change the shared
# session's settings, and the patched writer methods bind to CURRENT). A streaming query
# copies the session's settings when it starts (StreamExecution clones the session), so
# once started, scenarios can run side by side without seeing each other's settings.
CURRENT = {"capture": None}
SETUP_LOCK = threading.Lock()
_original_foreach_batch = DataStreamWriter.foreachBatch
_original_start = DataStreamWriter.start


def _foreach_batch(self, _func):
    # The exported stand-in writes JSON files (nulls left out, timestamps to the ms);
    # the collector keeps every value typed instead.
    return _original_foreach_batch(self, CURRENT["capture"].collect)


def _start(self, *args, **kwargs):
    query = _original_start(self, *args, **kwargs)
    CURRENT["capture"].query = query
    return query


def _await_termination(self, timeout=None):
    return None


def error_info(phase, exc):
    message = str(exc)
    condition = None
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(exc, getter, None)
        if fn is not None:
            try:
                condition = fn()
            except Exception:
                condition = None
            if condition:
                break
    classes = ERROR_CLASS.findall(message)
    if condition and condition not in classes:
        classes.insert(0, condition)
    return {
        "phase": phase,
        "type": type(exc).__name__,
        "condition": condition,
        "classes": classes,
        "message": message[:4000],
    }


def publish(scenario, generation, step):
    """Makes the files of steps 0..generation-1 plus `step` visible in one rename."""
    work = scenario["workDir"]
    previous = os.path.join(work, f"gen-{generation - 1:03d}") if generation > 0 else None
    folder = os.path.join(work, f"gen-{generation:03d}")
    os.makedirs(folder)
    if previous is not None:
        for name in os.listdir(previous):
            os.link(os.path.join(previous, name), os.path.join(folder, name))
    for f in step["files"]:
        path = os.path.join(folder, f["name"])
        if "base64" in f:  # binary formats (parquet), step-files.ts
            with open(path, "wb") as out:
                out.write(base64.b64decode(f["base64"]))
        else:
            with open(path, "w", encoding="utf-8") as out:
                out.write(f["text"])
        seconds = f["mtimeMs"] / 1000.0
        os.utime(path, (seconds, seconds))
    link = scenario["inputDir"]
    staging = link + ".next"
    os.symlink(folder, staging)
    os.replace(staging, link)


def process_all_available(query):
    """processAllAvailable with a time limit, so one stuck scenario cannot stall the suite."""
    outcome = {}

    def run():
        try:
            query.processAllAvailable()
        except BaseException as e:  # noqa: BLE001 - reported to the caller
            outcome["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(STEP_TIMEOUT_S)
    if t.is_alive():
        query.stop()
        t.join(30)
        raise TimeoutError(f"processAllAvailable did not return within {STEP_TIMEOUT_S} s")
    if "error" in outcome:
        raise outcome["error"]


def progress_of(query):
    out = []
    for p in query.recentProgress:
        d = json.loads(p.json) if hasattr(p, "json") else p
        out.append({
            "batchId": d.get("batchId"),
            "numInputRows": d.get("numInputRows"),
            "watermark": (d.get("eventTime") or {}).get("watermark"),
            "stateOperators": [
                {k: s.get(k) for k in ("numRowsTotal", "numRowsUpdated", "numRowsRemoved",
                                       "numRowsDroppedByWatermark")}
                for s in d.get("stateOperators") or []
            ],
        })
    return out


def start_scenario(spark, scenario, baseline):
    """Execs the exported script (under SETUP_LOCK) and returns (capture, error)."""
    capture = Capture()
    os.makedirs(scenario["workDir"], exist_ok=True)
    empty = os.path.join(scenario["workDir"], "gen-empty")
    os.makedirs(empty, exist_ok=True)
    os.symlink(empty, scenario["inputDir"])
    error = None
    with SETUP_LOCK:
        CURRENT["capture"] = capture
        try:
            code = compile(scenario["script"], f"<{scenario['name']}.py>", "exec")
            exec(code, {"__name__": "__main__", "__file__": f"{scenario['name']}.py"})
            if capture.query is None:
                raise RuntimeError("the exported script started no streaming query")
        except BaseException as e:  # noqa: BLE001 - a script's SystemExit must not end the run
            error = error_info("start", e)
        finally:
            CURRENT["capture"] = None
            restore_conf(spark, baseline)
    return capture, error


def run_scenario(spark, scenario, baseline):
    capture, error = start_scenario(spark, scenario, baseline)
    if error is None:
        for generation, step in enumerate(scenario["steps"]):
            try:
                publish(scenario, generation, step)
                process_all_available(capture.query)
            except BaseException as e:  # noqa: BLE001
                error = error_info("run", e)
                error["step"] = generation
                break
    progress = []
    if capture.query is not None:
        progress = progress_of(capture.query)
        capture.query.stop()
    batches = sorted(capture.batches, key=lambda b: b["batchId"])
    return {"ok": error is None, "batches": batches, "progress": progress, "error": error}


def timed_run(spark, scenario, baseline):
    t0 = time.time()
    try:
        result = run_scenario(spark, scenario, baseline)
    except BaseException:  # noqa: BLE001 - the runner itself failed for this scenario
        result = {"ok": False, "batches": [], "progress": [],
                  "error": {"phase": "runner", "type": "RunnerError", "condition": None,
                            "classes": [], "message": traceback.format_exc()}}
    result["seconds"] = round(time.time() - t0, 2)
    status = "ok  " if result["ok"] else "ERR "
    print(f"{status} {scenario['name']} ({result['seconds']} s, "
          f"{len(result['batches'])} batches)", flush=True)
    return result


def restore_conf(spark, baseline):
    # Settings one scenario made (ANSI off, ...) must not leak into the next; core settings
    # that cannot change at runtime are left alone.
    for key, value in spark.conf.getAll.items():
        try:
            if key not in baseline:
                spark.conf.unset(key)
            elif baseline[key] != value:
                spark.conf.set(key, baseline[key])
        except Exception:
            pass


def main():
    manifest_path, output_path = sys.argv[1], sys.argv[2]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    started = time.time()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tidemark-conformance")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.streaming.stateStore.maintenanceInterval", "600s")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("FATAL")
    startup = time.time() - started
    baseline = dict(spark.conf.getAll)

    DataStreamWriter.foreachBatch = _foreach_batch
    DataStreamWriter.start = _start
    StreamingQuery.awaitTermination = _await_termination

    only = os.environ.get("TIDEMARK_CONFORMANCE_ONLY")
    scenarios = [sc for sc in manifest["scenarios"] if not only or only in sc["name"]]
    # Most of a micro-batch's time is driver-side (planning, offset and commit logs, state
    # files), so a few queries side by side keep both cores busy.
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {sc["name"]: pool.submit(timed_run, spark, sc, baseline) for sc in scenarios}
        results = {name: f.result() for name, f in futures.items()}

    output = {
        "sparkVersion": spark.version,
        "startupSeconds": round(startup, 2),
        "totalSeconds": round(time.time() - started, 2),
        "parallel": PARALLEL,
        "scenarios": results,
    }
    with open(output_path, "w", encoding="utf-8") as f:
        json.dump(output, f)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
