"""Extraction at scale (issue 7): inputs split into partitions, each
extracted by a worker that loads the models once, written as a part file
with a checkpoint marker; in one process (constant memory) or on Dask.
`sitrep load` puts the parts into the store."""
from .partitions import Partition, expand_inputs, plan, read_partition
from .runner import RunReport, run
from .worker import process_partition

__all__ = ["Partition", "RunReport", "expand_inputs", "plan", "process_partition", "read_partition", "run"]
