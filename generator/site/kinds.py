"""What a claim is, in a reader's words: its kind, and why a claim that is not a statement
of fact is not rated. Marked for the catalogue; translated with `_()` where shown."""

from __future__ import annotations

from generator.i18n import N_
from generator.model import ClaimKind

LABELS = {ClaimKind.STATEMENT: N_("Statement of fact"), ClaimKind.OPINION: N_("Opinion"),
          ClaimKind.FORECAST: N_("Forecast"), ClaimKind.INTENTION: N_("Statement of intention")}
# Why each kind but a statement is not rated, as the claim page and claims.json say it.
NOT_RATED_BECAUSE = {
    ClaimKind.OPINION: N_("It is an opinion: a judgement that evidence can inform but not "
                          "prove true or false."),
    ClaimKind.FORECAST: N_("It is a forecast: what will happen cannot yet be checked against "
                           "the record."),
    ClaimKind.INTENTION: N_("It is a statement of intention: what someone means to do cannot "
                            "be checked against the record until it is done."),
}
# The browsing folder of each kind, in the order listings show them.
SLUGS = {ClaimKind.STATEMENT: "statements", ClaimKind.OPINION: "opinions",
         ClaimKind.FORECAST: "forecasts", ClaimKind.INTENTION: "intentions"}
