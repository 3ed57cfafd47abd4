"""What a claim is, in a reader's words: its kind, and why a claim that is not a statement
of fact is not rated."""

from __future__ import annotations

from generator.model import ClaimKind

LABELS = {ClaimKind.STATEMENT: "Statement of fact", ClaimKind.OPINION: "Opinion",
          ClaimKind.FORECAST: "Forecast", ClaimKind.INTENTION: "Statement of intention"}
# Why each kind but a statement is not rated, as the claim page and claims.json say it.
NOT_RATED_BECAUSE = {
    ClaimKind.OPINION: "It is an opinion: a judgement that evidence can inform but not prove "
                       "true or false.",
    ClaimKind.FORECAST: "It is a forecast: what will happen cannot yet be checked against the "
                        "record.",
    ClaimKind.INTENTION: "It is a statement of intention: what someone means to do cannot be "
                         "checked against the record until it is done.",
}
# The browsing folder of each kind, in the order listings show them.
SLUGS = {ClaimKind.STATEMENT: "statements", ClaimKind.OPINION: "opinions",
         ClaimKind.FORECAST: "forecasts", ClaimKind.INTENTION: "intentions"}
