"""Matrix products for spaCy's models through numpy (OpenBLAS), one thread.

Why: thinc 8.3's NumpyOps sends every matrix product to blis 1.3.4; on the
2-core AMD EPYC machines we build on, numpy's OpenBLAS does the model's
products 3x faster on one thread (measured: 2000x288 @ 288x288, 1.62 s vs
0.56 s for 200 products), and end to end sitrep runs ~45% faster. The
numbers are the same products: event records were identical on 2,542
benchmark articles. One thread, because sitrep scales by processes (Dask
workers), and "one core" figures must mean one core.

Opt out with SITREP_BLIS=1 (thinc's own blis products).
"""
from __future__ import annotations

import os

import numpy
from thinc.backends.numpy_ops import NumpyOps


class MatmulOps(NumpyOps):
    name = "sitrep-matmul"

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_matmul_ops() -> bool:
    """Make MatmulOps thinc's current ops (models loaded afterwards use it)
    and keep BLAS to one thread; only over thinc's plain CPU ops, so a GPU or
    another ops choice of the caller's stays. True when in use."""
    if os.environ.get("SITREP_BLIS") == "1":
        return False
    from thinc.api import get_current_ops, set_current_ops
    current = get_current_ops()
    if type(current) is NumpyOps:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=1, user_api="blas")
        set_current_ops(MatmulOps())
    return isinstance(get_current_ops(), MatmulOps)
