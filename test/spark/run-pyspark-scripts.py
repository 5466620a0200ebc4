"""Runs exported PySpark scripts one after another in ONE Python process and ONE SparkSession.

    python run-pyspark-scripts.py RESULT_JSON SCRIPT [SCRIPT ...]

Starting a SparkSession costs seconds (a JVM), so the session is created once here with
master local[2]; each script's own `SparkSession.builder...getOrCreate()` then returns it
and applies the script's `.config(...)` SQL settings to it. Each script runs with a fresh
globals dict as `__main__`; streams it leaves running are stopped before the next one.

Writes RESULT_JSON: [{"script", "ok", "seconds", "error"}] and exits 0 only when every
script ran without raising.
"""
import json
import os
import sys
import time
import traceback

from pyspark.sql import SparkSession


def main() -> int:
    result_path, scripts = sys.argv[1], sys.argv[2:]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tidemark-export-check")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    baseline = dict(spark.conf.getAll)
    results = []
    for path in scripts:
        started = time.time()
        error = None
        try:
            with open(path, encoding="utf-8") as f:
                code = compile(f.read(), path, "exec")
            exec(code, {"__name__": "__main__", "__file__": path})
        except BaseException:  # a script's SystemExit must not end the run either
            error = traceback.format_exc()
        for query in spark.streams.active:
            query.stop()
        # Settings one script made must not leak into the next.
        # (Core settings such as spark.app.name cannot change at runtime; those are left.)
        for key, value in spark.conf.getAll.items():
            try:
                if key not in baseline:
                    spark.conf.unset(key)
                elif baseline[key] != value:
                    spark.conf.set(key, baseline[key])
            except Exception:
                pass
        results.append({
            "script": os.path.basename(path),
            "ok": error is None,
            "seconds": round(time.time() - started, 2),
            "error": error,
        })
        print(f"{'ok  ' if error is None else 'FAIL'} {os.path.basename(path)} "
              f"({results[-1]['seconds']} s)", flush=True)
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
    spark.stop()
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
