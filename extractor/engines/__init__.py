"""Where batch work runs: `work.py` is what a worker does with a chunk of documents (the same
everywhere); `local.py` runs it in a pool of processes on this machine, `dask.py` on a Dask
cluster. `split.py` processes very large documents in parts."""
