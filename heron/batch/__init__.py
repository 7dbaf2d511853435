"""``heron batch``: code many inputs on a pool of workers into Parquet shards.

The driver reads every input once, in order (:func:`heron.pipeline.read_paths`,
so article ids are exactly those of a direct ``heron ingest``), cuts the
articles into shards and hands each shard to a worker that holds spaCy and
the knowledge for its whole life.  A worker codes its shard and writes it
under ``--out`` as a folder of three Parquet files in the store's schema
(:mod:`heron.batch.shards`).  ``heron ingest DIR`` then loads those folders
into DuckDB without coding anything again (:mod:`heron.batch.load`).

Two engines run the workers (:mod:`heron.batch.engines`): a local process
pool, and Ray (an optional extra, imported only when ``--engine ray`` is
asked for), local or an existing cluster.

Nothing here imports spaCy, Ray or DuckDB at import time: the CLI imports
this package for every ``heron ingest`` to recognise a shard folder.
"""
