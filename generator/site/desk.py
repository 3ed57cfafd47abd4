"""Who answers for the site, as readers are shown it: on the About page and in the footer.

Each setting is shown as set, or said to be not published; nothing is filled in for a
desk that has not said it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from generator.content.settings import Settings

NOT_PUBLISHED = "not published"
NO_REPOSITORY = "not set"


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
    query = urlencode({"subject": f"Error report: {headline}",
                       "body": f"About the fact check at {page_address}\n\nWhat is wrong:\n"},
                      quote_via=quote)
    return f"{href}?{query}"


def desk_facts(settings: Settings) -> tuple[Fact, ...]:
    desk = settings.desk
    contact = desk.contact
    demo = desk.demonstration
    if demo and not contact and settings.repo_url:
        contact_fact = Fact("contact", "Contact", "the repository's issue tracker",
                            settings.repo_url.rstrip("/") + "/issues")
    else:
        contact_fact = Fact("contact", "Contact", contact or NOT_PUBLISHED,
                            contact_href(contact) if contact else None, unset=not contact)
    editors = ", ".join(desk.editors) or ("none: a demonstration" if demo else NOT_PUBLISHED)
    return (
        *((Fact("demonstration", "Demonstration", demo),) if demo else ()),
        Fact("name", "Run by", desk.name or NOT_PUBLISHED, unset=not desk.name),
        Fact("editors", "Editors", editors, unset=not desk.editors and not demo),
        Fact("funding", "Funding", desk.funding or NOT_PUBLISHED, unset=not desk.funding),
        contact_fact,
        Fact("repository", "Repository", settings.repo_url or NO_REPOSITORY,
             settings.repo_url, unset=not settings.repo_url),
    )
