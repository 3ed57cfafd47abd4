"""Dates as readers read them, in the site's language: `3 May 2021` in English, `3 мая
2021 г.` in Russian. English keeps the generator's own spelling (`PartialDate.human`);
another language with a catalogue takes its calendar words and order from CLDR (Babel).
A date known only to the month or the year is shown to that precision."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton

from generator import i18n
from generator.i18n import N_, _
from generator.model import PartialDate

# "(claimed in September 2023)": a phrase for each month, since many languages decline a
# month's name after "in" (Russian «в сентябре»), which CLDR does not give.
IN_MONTH = (N_("in January %(year)s"), N_("in February %(year)s"), N_("in March %(year)s"),
            N_("in April %(year)s"), N_("in May %(year)s"), N_("in June %(year)s"),
            N_("in July %(year)s"), N_("in August %(year)s"),
            N_("in September %(year)s"), N_("in October %(year)s"),
            N_("in November %(year)s"), N_("in December %(year)s"))


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def human(date: PartialDate) -> str:
    """A date in words, to its precision: `3 May 2021`, `September 2023`, `2021`."""
    if not i18n.translated():
        return date.human
    locale = _locale(i18n.language())
    if date.day:
        return format_date(dt.date(date.year, date.month, date.day), "long", locale=locale)
    if date.month:
        return format_skeleton("yMMMM", dt.date(date.year, date.month, 1), locale=locale)
    return str(date.year)


def claimed(date: PartialDate) -> str:
    """When a claim was made, as a phrase: `on 3 May 2021`, `in September 2023`, `in 2021`."""
    if date.day:
        return _("on %(date)s") % {"date": human(date)}
    if date.month:
        return _(IN_MONTH[date.month - 1]) % {"year": date.year}
    return _("in %(year)s") % {"year": date.year}
