"""sitrep's matrix products (numpy, one thread) stand in for thinc's blis
ones: same products, the models use them, and SITREP_BLIS=1 opts out."""
import os
import subprocess
import sys

import numpy
import pytest
from thinc.backends.numpy_ops import NumpyOps

from sitrep.matmul_ops import MatmulOps
from sitrep.nlp import load_ner, load_nlp


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_products_equal_thincs(trans1, trans2):
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((37, 23), dtype="float32")
    y = rng.standard_normal((23, 11), dtype="float32")
    x = numpy.ascontiguousarray(x.T) if trans1 else x
    y = numpy.ascontiguousarray(y.T) if trans2 else y
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(got, want, rtol=1e-5, atol=1e-5)
    out = numpy.zeros_like(want)
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, want, rtol=1e-5, atol=1e-5)


def test_models_use_it():
    assert isinstance(load_nlp().get_pipe("parser").model.ops, MatmulOps)
    assert isinstance(load_ner().get_pipe("ner").model.ops, MatmulOps)


def test_opt_out_keeps_thincs_ops():
    code = ("from sitrep.nlp import load_ner; from thinc.backends.numpy_ops import NumpyOps; "
            "print(type(load_ner().get_pipe('ner').model.ops).__name__)")
    env = dict(os.environ, SITREP_BLIS="1")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "NumpyOps"
