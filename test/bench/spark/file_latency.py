"""Spark's side of the file-to-table latency benchmark (test/bench/file-latency.ts).

Starts a SparkSession on local[2], warms it up with a small batch job, then runs the query a
user would write — readStream.schema(<lab schema>).json(<folder>) with the default trigger
(ProcessingTime(0)) — into a foreachBatch that collects each batch and then records
time.time(): the moment the batch's rows are on the driver, as a memory sink's table would
hold them. Each collected row names its file (input_file_name()); every file seen in a batch
gets that batch's time.

Protocol (stdout, one JSON object per line): {"ready": true} once the query runs, then
{"file": "<name>", "visibleAtMs": <ms since the epoch>} per file. The query stops when
stdin closes.

Usage: python file_latency.py <folder> <schema DDL>
"""

import json
import os
import sys
import threading
import time

from pyspark.sql import SparkSession
from pyspark.sql.functions import input_file_name


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    folder, ddl = sys.argv[1], sys.argv[2]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tidemark-file-latency")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    # Warm-up: JIT, class loading and the JSON reader, so the first timed batch is not a cold one.
    spark.range(1000).selectExpr("sum(id)").collect()

    def record(batch, _batch_id):
        # Rows come to the driver as JSON text: the lab's Creation_Time (nanoseconds read as
        # a timestamp) is beyond Python's datetime range, so Row conversion would fail.
        # The file name goes first, so it is read back with a slice rather than a JSON parse
        # per row (Python's time is not Spark's).
        rows = batch.select(input_file_name().alias("_file"), "*").toJSON().collect()
        now_ms = time.time() * 1000.0
        files = {r[len('{"_file":"') : r.index('"', len('{"_file":"'))] for r in rows}
        for name in sorted(os.path.basename(f) for f in files):
            emit({"file": name, "visibleAtMs": now_ms})

    query = (
        spark.readStream.schema(ddl)
        .json(folder)
        .writeStream.foreachBatch(record)
        .start()
    )
    emit({"ready": True})

    def wait_for_stdin_close():
        sys.stdin.read()
        query.stop()

    threading.Thread(target=wait_for_stdin_close, daemon=True).start()
    query.awaitTermination()
    spark.stop()


if __name__ == "__main__":
    main()
