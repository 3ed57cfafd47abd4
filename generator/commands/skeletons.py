"""Skeleton files for `factcheck new`: every key of the format, ready to fill in."""

from __future__ import annotations

import json

CLAIM = """\
---
# Fill in every empty value, then run `factcheck check`.
claim: ""            # the claim, as its claimant made it, in the site's language
# claim_original: "" # made in another language: its words, with claim_language (`ru`)
# title: ""          # optional headline, a question that "True" answers "yes"
claimant: ""         # who made the claim: a slug, name or alias of content/people/
kind: statement      # statement | opinion | forecast | intention (the last three: not-rated)
claim_date: ""       # YYYY, YYYY-MM or YYYY-MM-DD
# appearance: []     # optional: source ids or URLs where the claim was made
verdict: ""          # one of: {verdicts}
summary: ""          # the verdict in two or three sentences
published: {today}     # the day this fact check goes out: change it if that is not today
tags: []             # topics of `topics:` in mkdocs.yml, by slug or name
evidence:
  - source: ""       # a file name in sources/, without .md
    quote: ""        # verbatim; mark omitted words with …
    # translation: "" # the desk's translation, when the source is in another language
    stance: ""       # supports | refutes | context
---
The analysis, in Markdown: what the sources establish, what they do not, and what
evidence would settle it.
"""

SOURCE = """\
---
# Record only what the article shows; leave out what is not known.
title: ""            # the headline as published
# outlet: ""         # the publisher, as a reader knows it
# url: ""            # https://… where it was published
# published: ""      # YYYY, YYYY-MM or YYYY-MM-DD
# author: ""
# language: en      # BCP 47; leave out when not recorded
# archive_url: ""
# retrieved: ""      # YYYY-MM-DD: when you took this copy
# notes: ""          # e.g. which metadata is inferred from the text, and how
---
Paste the article text here, verbatim, one paragraph per block, blank lines between.
"""


def person(name: str | None, kind: str) -> str:
    """A registry entry, with its name filled in when it is given."""
    written = json.dumps(name, ensure_ascii=False) if name else '""'
    return f"""\
---
# Record only what the sources show; leave out what is not known.
name: {written.ljust(14)} # as readers know it
type: {kind.ljust(14)} # person | organization
# aliases: []        # other spellings, transliterations, names in other scripts
# part_of: ""        # the slug of the organisation it speaks for, if any
# role: ""           # e.g. Spokesperson of the Russian Foreign Ministry
# same_as: []        # URLs that identify it (e.g. a Wikidata item); never invented
---
Optional: a short profile, naming the sources it rests on.
"""
