"""Storyline on Spark: the per-article pipeline over large archives, stories at scale, and loading.

``analyze`` runs :mod:`storyline.pipeline` inside ``mapPartitions`` over splits
of the inputs (:mod:`.splits`) and writes Parquet (:mod:`.rows`); ``stories``
groups the result into stories (:mod:`.stories`); ``load`` stores it in a
database (:mod:`.load`, pyarrow only).  pyspark is imported by
:mod:`.session` alone, so nothing else needs it.
"""
