"""Who answers for the site, as readers are shown it: on the About page and in the footer.

Each setting is shown as set, or said to be not published; nothing is filled in for a
desk that has not said it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from generator.content.settings import Settings
from generator.i18n import N_, _

NOT_PUBLISHED = N_("not published")
NO_REPOSITORY = N_("not set")


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    text: str
    href: str | None = None
    unset: bool = False


def contact_href(contact: str) -> str | None:
    """A link for a contact: mailto for an email address, itself for a web address."""
    text = contact.strip()
    if text.lower().startswith(("https://", "http://")):
        return text
    if "@" in text and " " not in text and not text.lower().startswith("mailto:"):
        return "mailto:" + text
    return text if text.lower().startswith("mailto:") else None


def report_mail(contact: str | None, page_address: str, headline: str) -> str | None:
    """A mailto link to report an error, its subject and body filled in, when the desk's
    contact is an email address; None otherwise."""
    href = contact_href(contact or "")
    if not href or not href.startswith("mailto:"):
        return None
    query = urlencode({"subject": _("Error report: %(headline)s") % {"headline": headline},
                       "body": _("About the fact check at %(address)s") % {
                           "address": page_address} + "\n\n" + _("What is wrong:") + "\n"},
                      quote_via=quote)
    return f"{href}?{query}"


def desk_facts(settings: Settings) -> tuple[Fact, ...]:
    desk = settings.desk
    contact = desk.contact
    demo = desk.demonstration
    unset = _(NOT_PUBLISHED)
    if demo and not contact and settings.repo_url:
        contact_fact = Fact("contact", _("Contact"), _("the repository's issue tracker"),
                            settings.repo_url.rstrip("/") + "/issues")
    else:
        contact_fact = Fact("contact", _("Contact"), contact or unset,
                            contact_href(contact) if contact else None, unset=not contact)
    editors = ", ".join(desk.editors) or (_("none: a demonstration") if demo else unset)
    return (
        *((Fact("demonstration", _("Demonstration"), demo),) if demo else ()),
        Fact("name", _("Run by"), desk.name or unset, unset=not desk.name),
        Fact("editors", _("Editors"), editors, unset=not desk.editors and not demo),
        Fact("funding", _("Funding"), desk.funding or unset, unset=not desk.funding),
        contact_fact,
        Fact("repository", _("Repository"), settings.repo_url or _(NO_REPOSITORY),
             settings.repo_url, unset=not settings.repo_url),
    )
