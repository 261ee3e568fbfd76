"""The Spark session and the one way a table is written (explicit schema, partitioned by month).

pyspark is imported here and only here, inside functions, so that the rest
of storyline (and ``storyline load``, which reads Parquet with pyarrow) runs
without it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from storyline.errors import StorylineError
from storyline.export import Column
from storyline.spark.rows import TABLES

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType


def spark_session(
    master: str | None = None, *, app: str = "storyline", conf: dict[str, str] | None = None
) -> SparkSession:
    """A session on ``master`` (None: whatever spark-submit or spark-defaults set, else ``local[*]``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StorylineError(
            "the Spark job needs pyspark (and Java 17+): pip install 'storyline[spark]'"
        ) from exc
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit, which set the master
    if (master or "").startswith("local") or (master is None and not submitted):
        # Local executors must run this interpreter, which has storyline installed; on a
        # cluster spark-submit's own settings (a packed environment) decide.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def spark_schema(columns: tuple[Column, ...]) -> StructType:
    from pyspark.sql import types as T

    kinds: dict[str, Any] = {
        "string": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "list": T.ArrayType(T.StringType()),
        "binary": T.BinaryType(),
    }
    return T.StructType([T.StructField(c.name, kinds[c.type], True) for c in columns])


def write_table(spark: SparkSession, rows: RDD[Any], table: str, path: str) -> None:
    """Write one table's rows (tuples in column order) as Parquet, by month where it has one."""
    columns = TABLES[table]
    frame = spark.createDataFrame(rows, schema=spark_schema(columns), verifySchema=False)
    writer = frame.write.mode("overwrite")
    if any(c.name == "month" for c in columns):
        writer = writer.partitionBy("month")
    writer.parquet(path)
