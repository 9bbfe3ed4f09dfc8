"""Where sitrep keeps what it builds (the sub-type model, the gazetteer)."""
from __future__ import annotations

import os
from pathlib import Path


def sitrep_home() -> Path:
    """$SITREP_HOME, default ~/.cache/sitrep."""
    return Path(os.environ.get("SITREP_HOME", Path.home() / ".cache" / "sitrep"))
