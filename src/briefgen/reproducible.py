"""Build time: SOURCE_DATE_EPOCH when set, so the same input gives the same bytes."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from briefgen.errors import InputError


def build_datetime() -> datetime:
    """The time stamped into files: SOURCE_DATE_EPOCH (UTC) if set, else now (whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise InputError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}"
        ) from None


def is_reproducible() -> bool:
    """True when SOURCE_DATE_EPOCH is set: exporters then also drop random ids."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH"))
