"""schema.org ClaimReview for a claim page, escaped so no content can close its script element."""

from __future__ import annotations

import json
from typing import Any

from generator.anchoring.resolve import Corpus
from generator.content.settings import Settings
from generator.model import Claim, ClaimantType
from generator.site import scale
from generator.site.urls import claim_url, source_url

# schema.org expects a Claim's author to be a Person or an Organization: the registry entry
# says which (or, deprecated, the claim's `claimant_type`); when it is not known, the
# claimant is typed as the schema.org root type Thing, which is true of either.
AUTHOR_TYPES: dict[ClaimantType | None, str] = {ClaimantType.PERSON: "Person",
                                                ClaimantType.ORGANIZATION: "Organization"}


def script_json(data: Any) -> str:
    """JSON safe inside <script>: `<`, `>` and `&` become escapes, so `</script>` cannot occur."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def absolute(settings: Settings, url: str) -> str:
    base = (settings.site_url or "/").rstrip("/") + "/"
    return base + url


def claim_review(corpus: Corpus, claim: Claim, date_modified: str | None = None
                 ) -> dict[str, Any]:
    settings = corpus.settings
    verdict = scale.verdict(settings, claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label}
    if verdict.rating is not None:
        rating |= {"ratingValue": verdict.rating, "bestRating": settings.best_rating,
                   "worstRating": settings.worst_rating}
    appearance = []
    for ref in claim.appearance:
        if "://" in ref:
            appearance.append({"@type": "CreativeWork", "url": ref})
        elif ref in corpus.sources:
            src = corpus.sources[ref]
            work: dict[str, Any] = {"@type": "CreativeWork", "name": src.title,
                                    "url": src.url or absolute(settings, source_url(ref))}
            if src.published:
                work["datePublished"] = src.published.iso
            if src.language:
                work["inLanguage"] = src.language
            appearance.append(work)
    entry = corpus.registry.find(claim.claimant)
    author: dict[str, Any] = {
        "@type": AUTHOR_TYPES.get(entry.type if entry else claim.claimant_type, "Thing"),
        "name": entry.name if entry else claim.claimant}
    if entry and entry.same_as:
        author["sameAs"] = list(entry.same_as) if len(entry.same_as) > 1 else entry.same_as[0]
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": author,
        "datePublished": claim.claim_date.iso,
        # The language the claim was made in: its original's, else the site's, in which
        # `claim` states it.
        "inLanguage": claim.claim_language or settings.language,
    }
    if claim.claim_original:
        # schema.org's Claim is a CreativeWork: its text in the words the claimant used.
        item["text"] = claim.claim_original
    if appearance:
        item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(settings, claim_url(claim.slug)),
        "claimReviewed": claim.claim,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": settings.author,
                   "url": absolute(settings, "")},
        "reviewRating": rating,
        "datePublished": claim.published.iso,
        "inLanguage": settings.language,  # the review is written in the site's language
    }
    modified = date_modified or (claim.updated.iso if claim.updated else None)
    if modified:
        review["dateModified"] = modified
    return review
