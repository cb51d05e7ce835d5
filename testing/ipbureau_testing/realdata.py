"""Where the shared real data is, for tests and benchmarks: CNIPA records and a Google
Patents export kept beside the repository, never copied into it."""

import os
from pathlib import Path


def realdata_dir() -> Path:
    """The shared real data (../shared/realdata beside the repository, or IPBUREAU_REALDATA).
    Read-only and never copied into the repository; it may be absent."""
    default = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
    return Path(os.environ.get("IPBUREAU_REALDATA", default))


def require_realdata() -> Path:
    """The real-data folder, or skip the calling test where it is absent."""
    import pytest

    path = realdata_dir()
    if not path.is_dir():
        pytest.skip(f"real data not available at {path}")
    return path
