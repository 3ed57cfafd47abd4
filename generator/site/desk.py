"""Who answers for the site, as readers are shown it: on the About page and in the footer.

Each setting is shown as set, or said to be not published; nothing is filled in for a
desk that has not said it.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def desk_facts(settings: Settings) -> tuple[Fact, ...]:
    desk = settings.desk
    contact = desk.contact
    return (
        Fact("name", "Run by", desk.name or NOT_PUBLISHED, unset=not desk.name),
        Fact("editors", "Editors", ", ".join(desk.editors) or NOT_PUBLISHED,
             unset=not desk.editors),
        Fact("funding", "Funding", desk.funding or NOT_PUBLISHED, unset=not desk.funding),
        Fact("contact", "Contact", contact or NOT_PUBLISHED,
             contact_href(contact) if contact else None, unset=not contact),
        Fact("repository", "Repository", settings.repo_url or NO_REPOSITORY,
             settings.repo_url, unset=not settings.repo_url),
    )
