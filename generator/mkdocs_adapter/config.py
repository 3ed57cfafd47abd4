"""The `factcheck` plugin's options, as MkDocs sees them.

The options are declared for readers and for the core in `content.settings`
(`SETTINGS_FIELDS`); the core reads them, with their line numbers, from the very file MkDocs
was given. This class lets MkDocs type-check them and refuse an unknown one; a test holds
its names and docstrings to the core's declaration.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class FactcheckConfig(base.Config):  # type: ignore[no-untyped-call]
    sources_dir = c.Optional(c.Type(str))
    """Folder of source articles, relative to the root."""
    claims_dir = c.Optional(c.Type(str))
    """Folder of claim files, relative to the root."""
    people_dir = c.Optional(c.Type(str))
    """Folder of the registry of people and organisations, relative to the root."""
    per_page = c.Optional(c.Type(int))
    """Entries per page of a listing."""
    organisation = c.Optional(c.Type(str))
    ("""The fact-checking desk named as author in ClaimReview and the feed; defaults to the """
     """desk's name, else the site's.""")
    verdicts = c.Optional(c.ListOfItems(c.Type(dict)))
    """The verdict scale, best first."""
    topics = c.Optional(c.ListOfItems(c.Type(dict)))
    """The topics a claim's `tags` may name, each by its slug or its name."""
    desk = c.Optional(c.Type(dict))
    ("""Who answers for the site (name, editors, funding, contact), shown on the About """
     """page and in the footer; `check` warns of what is not set.""")
    build_future = c.Optional(c.Type(bool))
    ("""Build the fact checks whose `published` day is after today too, as `factcheck """
     """build --build-future` does; by default each is left out of the site until its day.""")
