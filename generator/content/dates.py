"""The order a file's dates must keep, among themselves and against today.

A claim is made, then its fact check is published, then updated or corrected; a source
is published, and retrieved, by today. A partial date stands for every day it may be:
it is in the future only when its first day is after today, and before another date
only when its last day is. A fact check whose `published` day is after today is not an
error but scheduled: the site leaves it out until that day, as Hugo does with future
posts, and the check says so in a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.content.settings import Settings
from generator.content.textfile import Key, TextFile
from generator.diagnostics import Report
from generator.model import PartialDate


def scheduled(published: PartialDate, settings: Settings) -> bool:
    """Whether a fact check published on `published` is after the check's today."""
    return published.first_day > settings.today.isoformat()


def check_claim(tf: TextFile, values: Mapping[str, Any], report: Report, settings: Settings
                ) -> None:
    today = settings.today.isoformat()

    def error(key: Key, message: str) -> None:
        report.error(*tf.value_at(key), message)

    made: PartialDate | None = values.get("claim_date")
    published: PartialDate | None = values.get("published")
    updated: PartialDate | None = values.get("updated")
    if made is not None and made.first_day > today:
        error(("claim_date",), f"`claim_date` is {made.iso}, after today ({today}): a claim "
                               "cannot be made in the future; correct the date")
    elif made is not None and published is not None and made.first_day > published.last_day:
        error(("claim_date",), f"`claim_date` ({made.iso}) is after `published` "
                               f"({published.iso}): a claim is made before its fact check is "
                               "published; correct one of the dates")
    if updated is not None and published is not None and updated < published:
        error(("updated",), f"`updated` ({updated.iso}) is before `published` "
                            f"({published.iso}); correct one of the dates")
    elif updated is not None and updated.first_day > today:
        error(("updated",), f"`updated` is {updated.iso}, after today ({today}): date a "
                            "change on the day it was made")
    for i, item in enumerate(values.get("corrections") or ()):
        when: PartialDate | None = (item or {}).get("date")
        where = f"`date` of item {i + 1} of `corrections`"
        if when is None:
            continue
        if published is not None and when.last_day < published.first_day:
            error(("corrections", i, "date"), f"{where} ({when.iso}) is before `published` "
                  f"({published.iso}): a correction follows publication; correct one of "
                  "the dates")
        elif when.first_day > today:
            error(("corrections", i, "date"), f"{where} is {when.iso}, after today "
                  f"({today}): date a correction on the day it was made")
    if published is not None and scheduled(published, settings):
        line, col = tf.value_at(("published",))
        if settings.build_future:
            report.note(line, col, f"`published` is {published.iso}, after today ({today}): "
                        "built all the same, as future fact checks are built "
                        "(`--build-future` or `build_future: true`)")
        else:
            report.note(line, col, f"`published` is {published.iso}, after today ({today}): "
                        f"this fact check will be published on {published.human} and is "
                        "left out of the site until then; `factcheck build --build-future` "
                        "(or `build_future: true` in the plugin's settings) builds it now")


def check_source(tf: TextFile, values: Mapping[str, Any], report: Report, settings: Settings
                 ) -> None:
    today = settings.today.isoformat()
    for key, what in (("published", "an article cannot be published in the future"),
                      ("retrieved", "a copy cannot be taken in the future")):
        date: PartialDate | None = values.get(key)
        if date is not None and date.first_day > today:
            report.error(*tf.value_at((key,)), f"`{key}` is {date.iso}, after today "
                         f"({today}): {what}; correct the date")
