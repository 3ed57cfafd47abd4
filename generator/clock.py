"""Today, as the check and the build see it: one place reads the clock.

`SOURCE_DATE_EPOCH`, when set, stands for the time of the build, as reproducible-build
tools expect (https://reproducible-builds.org/specs/source-date-epoch/); otherwise the
day is today's in UTC, whatever the machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

log = logging.getLogger("factcheck.clock")


def today() -> dt.date:
    """The current UTC date, or the date of `SOURCE_DATE_EPOCH` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            log.warning("SOURCE_DATE_EPOCH is `%s`, not a whole number of seconds since "
                        "1970-01-01 UTC; today is taken from the clock instead", epoch)
    return dt.datetime.now(dt.UTC).date()
