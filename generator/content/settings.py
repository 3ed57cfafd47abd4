"""Settings: the verdict scale, the topics and paths, from the `factcheck` entry of mkdocs.yml.

The core reads mkdocs.yml itself, so the CLI (and any successor of MkDocs that keeps
the file) needs no MkDocs plugin machinery to know the settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from generator import clock, i18n, limits
from generator.content.fields import Kind, Validator, declared, suggestion
from generator.content.textfile import Key, TextFile, read_yaml_config
from generator.content.topics import Topic, topic_keys
from generator.diagnostics import Diagnostic, Report, Severity, display_path
from generator.i18n import SOURCE_LANGUAGE
from generator.model import (
    BOOL,
    COLOUR,
    ID,
    INT,
    NOT_RATED,
    TEXT,
    TEXT_LIST,
    Of,
    fm,
    list_of,
    model,
    one_of,
)

CONFIG_FILE = "mkdocs.yml"


class Need(StrEnum):
    """What a verdict may need of its evidence: the burden of proof, declared per verdict."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    INDEPENDENT_SUPPORTS = "independent-supports"
    INDEPENDENT_REFUTES = "independent-refutes"
    REFUTES_OR_CONTEXT = "refutes-or-context"
    COMPETING_ACCOUNTS = "competing-accounts"

    @property
    def text(self) -> str:
        """What the need asks for, as readers and contributors are told."""
        return _NEED_TEXT[self]


_NEED_TEXT = {  # marked for the catalogue; the methodology page translates them
    Need.SUPPORTS: i18n.N_("an item that supports the claim"),
    Need.REFUTES: i18n.N_("an item that disputes the claim"),
    Need.INDEPENDENT_SUPPORTS: i18n.N_("an item that supports the claim from an account "
                                       "independent of the claimant"),
    Need.INDEPENDENT_REFUTES: i18n.N_("an item that disputes the claim from an account "
                                      "independent of the claimant"),
    Need.REFUTES_OR_CONTEXT: i18n.N_("an item that disputes the claim or gives context"),
    Need.COMPETING_ACCOUNTS: i18n.N_("items that support and dispute the claim from at least "
                                     "two different accounts"),
}


class Shortfall(StrEnum):
    """What falling short of a verdict's needs is: a severity, but never a note, which
    would let it pass unseen."""

    ERROR = Severity.ERROR.value
    WARNING = Severity.WARNING.value


@model
class Verdict:
    key: str = fm(ID, "The key used in claim files.")
    label: str = fm(TEXT, "The label shown to readers.", max_chars=60)
    definition: str = fm(TEXT, "One line, shown on the methodology page.")
    colour: str = fm(COLOUR, "A CSS colour for the badge (#rrggbb or a colour name); never "
                     "the only signal.")
    icon: str = fm(TEXT, "A short symbol shown beside the label.", max_chars=4)
    rating: int | None = fm(INT, "Numeric rating for ClaimReview; leave out for verdicts off "
                            "the numeric scale.", default=None)
    needs: tuple[str, ...] = fm(TEXT_LIST, "What evidence the verdict needs, all of: "
                                "supports, refutes, independent-supports, "
                                "independent-refutes, refutes-or-context, competing-accounts "
                                "(the methodology page says what each means).", default=(),
                                max_items=6)
    needs_severity: Shortfall = fm(one_of(Shortfall), "Whether a claim whose evidence falls "
                                   "short of `needs` is an error (the default) or a warning.",
                                   default=Shortfall.ERROR)


# Labels and definitions are marked for the catalogue: readers see them in the site's
# language (generator/site/scale.py).
DEFAULT_VERDICTS: tuple[Verdict, ...] = (
    Verdict("true", i18n.N_("True"), i18n.N_("The claim is accurate and the sources leave out "
            "nothing significant."), "#1b7f3b", "✔", 5,
            (Need.INDEPENDENT_SUPPORTS,)),
    Verdict("mostly-true", i18n.N_("Mostly true"), i18n.N_("The claim is accurate but needs "
            "clarification or context that the sources supply."), "#4d8f2a", "✓", 4,
            (Need.INDEPENDENT_SUPPORTS,)),
    Verdict("mixed", i18n.N_("Mixed"), i18n.N_("The claim is partly accurate and partly "
            "inaccurate."), "#a46a00", "◐", 3, (Need.SUPPORTS, Need.REFUTES)),
    Verdict("mostly-false", i18n.N_("Mostly false"), i18n.N_("The claim holds an element of "
            "truth but leaves out facts that would give a different impression."), "#b54708",
            "✗", 2, (Need.INDEPENDENT_REFUTES,)),
    Verdict("false", i18n.N_("False"), i18n.N_("The claim is inaccurate."), "#b42318", "✘", 1,
            (Need.INDEPENDENT_REFUTES,)),
    Verdict("misleading", i18n.N_("Misleading"), i18n.N_("The claim uses accurate facts in a "
            "way that creates a false impression."), "#8e3b9e", "⚠", None,
            (Need.REFUTES_OR_CONTEXT,)),
    Verdict("disputed", i18n.N_("Disputed"), i18n.N_("Credible sources give competing "
            "accounts that the evidence cannot settle."), "#3e5c9a", "⇄", None,
            (Need.COMPETING_ACCOUNTS,)),
    Verdict("unproven", i18n.N_("Unproven"), i18n.N_("The sources neither establish nor "
            "refute the claim."), "#5b6470", "?"),
    Verdict(NOT_RATED, i18n.N_("Not rated"), i18n.N_("An opinion, a forecast or a statement of "
            "intention: not a statement of fact that evidence could prove true or false, so "
            "it is not rated; the page shows what the sources say about it."), "#6b6b6b", "–"),
)

VERDICT_FIELDS = declared(Verdict)


@model
class Desk:
    """Who answers for the site: shown on the About page and in every page's footer."""

    name: str | None = fm(TEXT, "Who runs the site: the organisation or people that publish "
                          "it.", default=None, max_chars=200)
    demonstration: str | None = fm(TEXT, "Set only when the site is a demonstration, not a "
                                   "newsroom's: a sentence saying so, shown on the About page "
                                   "and in the footer. A demonstration names no editors, and "
                                   "readers are sent to the repository's issue tracker "
                                   "unless a contact is set.", default=None, max_chars=500)
    editors: tuple[str, ...] = fm(TEXT_LIST, "The editors who answer for the fact checks, by "
                                  "name.", default=(), max_items=50)
    funding: str | None = fm(TEXT, "Who pays for the work, in a sentence.", default=None,
                             max_chars=1000)
    contact: str | None = fm(TEXT, "How readers reach the desk: an email address or a web "
                             "address.", default=None, max_chars=300)


DESK_FIELDS = declared(Desk)
_DESK_HELP = {f.name: f.description for f in DESK_FIELDS}


@model
class PluginOptions:
    """The `factcheck` plugin's options, each declared once: its kind and limits (which the
    check validates), its description (for messages, and for MkDocs' config class in
    `mkdocs_adapter/config.py`) and its default, which `Settings` takes when the config file
    leaves the option out."""

    _: KW_ONLY  # `Settings` puts its own fields, `root` first, before these
    sources_dir: str = fm(TEXT, "Folder of source articles, relative to the root.",
                          default="sources")
    claims_dir: str = fm(TEXT, "Folder of claim files, relative to the root.",
                         default="content/claims")
    people_dir: str = fm(TEXT, "Folder of the registry of people and organisations, relative "
                         "to the root.", default="content/people")
    per_page: int = fm(INT, "Entries per page of a listing.", default=20)
    organisation: str | None = fm(TEXT, "The fact-checking desk named as author in "
                                  "ClaimReview and the feed; defaults to the desk's name, "
                                  "else the site's.", default=None)
    verdicts: tuple[Verdict, ...] = fm(list_of(Verdict), "The verdict scale, best first.",
                                       default=DEFAULT_VERDICTS, min_items=1, max_items=30)
    topics: tuple[Topic, ...] = fm(list_of(Topic), "The topics a claim's `tags` may name, "
                                   "each by its slug or its name.", default=(),
                                   max_items=limits.MAX_TOPICS)
    desk: Desk = fm(Of[Desk](Kind.OBJECT, item=Desk), "Who answers for the site (name, "
                    "editors, funding, contact), shown on the About page and in the footer; "
                    "`check` warns of what is not set.", default=Desk())
    build_future: bool = fm(BOOL, "Build the fact checks whose `published` day is after "
                            "today too, as `factcheck build --build-future` does; by default "
                            "each is left out of the site until its day.", default=False)


SETTINGS_FIELDS = declared(PluginOptions)


@dataclass(frozen=True)
class Settings(PluginOptions):
    """The plugin's options (`PluginOptions`), and what the rest of the config file and the
    run say: the project's root, the site's name, address and language."""

    root: Path
    config_file: str = CONFIG_FILE  # as shown in messages, relative to root
    docs_dir: str = "content"
    site_name: str = "Fact checks"
    # The site's language, BCP 47 (`theme.language`): the catalogue of its own words, the
    # `lang` of its pages, the language search stems in and that quotes are translated into.
    language: str = SOURCE_LANGUAGE
    site_url: str | None = None
    repo_url: str | None = None  # MkDocs' `repo_url`: the desk's repository
    # The day the check takes as today (`clock.today()`): a date after it is in the future.
    today: dt.date = field(default_factory=clock.today)
    # What the desk leaves unset, as warnings at their place in the config file: `check`
    # and `build` print them; they never stop a build.
    unset: tuple[Diagnostic, ...] = ()

    @property
    def verdict_keys(self) -> tuple[str, ...]:
        return tuple(v.key for v in self.verdicts)

    def verdict(self, key: str) -> Verdict:
        return next(v for v in self.verdicts if v.key == key)

    @property
    def best_rating(self) -> int | None:
        ratings = [v.rating for v in self.verdicts if v.rating is not None]
        return max(ratings) if ratings else None

    @property
    def worst_rating(self) -> int | None:
        ratings = [v.rating for v in self.verdicts if v.rating is not None]
        return min(ratings) if ratings else None

    @property
    def author(self) -> str:
        return self.organisation or self.desk.name or self.site_name

    def issue_url(self, page_url: str | None = None, title: str | None = None) -> str | None:
        """The repository's correction form, prefilled with a page's address and title;
        None without a repository (GitHub's issue forms take field values by id)."""
        if not self.repo_url:
            return None
        fields = {"template": "correction.yml"}
        if title:
            fields["title"] = f"Correction: {title}"
        if page_url:
            fields["claim"] = page_url
        query = urlencode(fields)
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def topic(self, slug: str) -> Topic:
        return self._topics_by_slug[slug]

    @cached_property
    def _topics_by_slug(self) -> dict[str, Topic]:
        return {t.slug: t for t in self.topics}


def plugin_entry(data: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
    """The index and options of the `factcheck` entry in `plugins`, if any."""
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        options = plugins.get("factcheck")
        return (None, options) if isinstance(options, dict) else (None, {})
    for i, entry in enumerate(plugins):
        if isinstance(entry, dict) and "factcheck" in entry:
            options = entry["factcheck"]
            return i, options if isinstance(options, dict) else {}
    return None, {}


def config_path(root: Path, config_file: Path | str | None = None) -> Path:
    """The settings file: `config_file` (relative to root unless absolute), else mkdocs.yml."""
    return root / (config_file or CONFIG_FILE)


def load_settings(root: Path, config_file: Path | str | None = None
                  ) -> tuple[Settings, list[Diagnostic]]:
    """The settings from the config file (`mkdocs.yml` under root unless another is named),
    with every problem in it. A project with no config file at all gets the defaults."""
    path = config_path(root, config_file)
    report = Report(display_path(path, root))
    values: dict[str, Any] = {}
    base: dict[str, Any] = {}
    tf: TextFile | None = None
    key: tuple[str | int, ...] = ("plugins",)
    if path.is_file() or config_file is not None:
        tf = read_yaml_config(path, report.path, report)
        if tf is None:
            return Settings(root, config_file=report.path), report.items
        base = tf.data
        index, options = plugin_entry(tf.data)
        key = ("plugins",) if index is None else (
            "plugins", index, "factcheck")
        values = Validator(tf, report, {}, null_is_absent=True).mapping(
            options, SETTINGS_FIELDS, key, "the factcheck plugin settings")
        for i, item in enumerate(values.get("verdicts") or ()):
            for j, need in enumerate((item or {}).get("needs", ())):
                if need not in Need.__members__.values():
                    line, col = tf.value_at((*key, "verdicts", i, "needs", j))
                    report.error(line, col, f"`{need}` is not something a verdict can need"
                                 f"{suggestion(need, [n.value for n in Need])}; the needs "
                                 "are " + ", ".join(f"`{n.value}`" for n in Need))
        if "topics" in values:
            values["topics"] = _topics(values["topics"] or (), tf, (*key, "topics"), report)
    # The options the file sets, as Settings takes them; one it leaves out, or whose every
    # item is broken, keeps the default its declaration gives.
    given: dict[str, Any] = dict(values)
    if "per_page" in given:
        given["per_page"] = max(1, given["per_page"])
    given["desk"] = desk = Desk(**values.get("desk", {}))
    verdicts = _verdicts(values.get("verdicts") or ())
    if verdicts:
        given["verdicts"] = verdicts
    else:
        given.pop("verdicts", None)
    site_url = base.get("site_url")
    repo_url = base.get("repo_url")
    repo_url = repo_url.strip() if isinstance(repo_url, str) and repo_url.strip() else None
    if repo_url and not repo_url.lower().startswith(("https://", "http://")):
        line, col = tf.value_at(("repo_url",)) if tf is not None else (1, 1)
        report.error(line, col, f"`repo_url` is `{repo_url}`: expected the repository's "
                     "http(s) address, like https://github.com/owner/name")
        repo_url = None
    unset = _unset(tf, key, desk, repo_url, report.path)
    return Settings(
        root=root,
        config_file=report.path,
        docs_dir=str(base.get("docs_dir") or "content"),
        site_name=str(base.get("site_name") or "Fact checks"),
        language=_language(base, tf, report),
        site_url=str(site_url) if isinstance(site_url, str) else None,
        repo_url=repo_url,
        unset=unset,
        **given,
    ), report.items


def _verdicts(items: Sequence[dict[str, Any] | None]) -> tuple[Verdict, ...]:
    """The scale the file declares, without its broken items (reported where they are)."""
    required = {f.name for f in VERDICT_FIELDS if f.required}
    return tuple(Verdict(**{**v, "needs_severity": Shortfall(v.get(
        "needs_severity", Shortfall.ERROR))}) for v in items if v and required <= v.keys())


def _language(base: dict[str, Any], tf: TextFile | None, report: Report) -> str:
    """The site's language, `theme.language` (the theme's default, English, when unset); a
    language with no catalogue of the site's words is a warning, and they stay English."""
    theme = base.get("theme")
    value = theme.get("language") if isinstance(theme, dict) else None
    if not isinstance(value, str) or not value.strip():
        return SOURCE_LANGUAGE
    value = value.strip()
    if i18n.primary(value) not in i18n.available():
        line, col = tf.value_at(("theme", "language")) if tf is not None else (1, 1)
        report.warning(line, col, f"`theme.language` is `{value}`, but the generator has no "
                       "catalogue of its words in that language, so the site's own words "
                       "stay English; the catalogues are "
                       + ", ".join(f"`{code}`" for code in i18n.available())
                       + " (add one under generator/locale/, see the README)")
    return value


def _unset(tf: TextFile | None, key: tuple[str | int, ...], desk: Desk, repo_url: str | None,
           path: str) -> tuple[Diagnostic, ...]:
    """A warning for each accountability setting left empty, where it is (or would go)."""
    report = Report(path)
    # A demonstration names no editors, and its contact is the repository's issue tracker.
    excused = {"editors", "contact"} if desk.demonstration and repo_url else (
        {"editors"} if desk.demonstration else set())
    missing = [name for name in ("name", "editors", "funding", "contact")
               if not getattr(desk, name) and name not in excused]
    for name in missing:
        at = tf.value_at((*key, "desk", name)) if tf is not None else (1, 1)
        report.warning(*at, f"`desk: {name}` is empty, so the About page and the footer say "
                       f"it is not published; set it under the factcheck plugin: "
                       f"{_DESK_HELP[name]}")
    if not repo_url:
        at = tf.value_at(("repo_url",)) if tf is not None else (1, 1)
        report.warning(*at, "`repo_url` is not set, so claim pages cannot link to a "
                       "correction form and the guide cannot name the repository: set "
                       "`repo_url` (the deploy workflow sets FACTCHECK_REPO_URL)")
    return tuple(report.items)


def _topics(items: Sequence[dict[str, Any] | None], tf: TextFile, key: Key, report: Report
            ) -> tuple[Topic, ...]:
    """The registered topics; two that a tag could not tell apart (the same slug or name,
    case, spaces and hyphens aside) are an error at the second."""
    out: list[Topic] = []
    seen: dict[str, int] = {}  # a topic's match key -> its index
    for i, item in enumerate(items):
        if not item or not {"slug", "name"} <= item.keys():
            continue
        topic = Topic(**{**item, "name": " ".join(item["name"].split())})
        clash = next((seen[k] for k in topic_keys(topic) if k in seen), None)
        if clash is not None:
            other = items[clash] or {}
            line, col = tf.where((*key, i))
            report.error(line, col, f"topic `{topic.slug}` ({topic.name}) cannot be told "
                         f"apart from topic `{other.get('slug')}` ({other.get('name')}), item "
                         f"{clash + 1} of `topics`: a tag matches a topic's slug or name "
                         "whatever its case, spaces and hyphens; merge the two or rename one")
            continue
        seen.update(dict.fromkeys(topic_keys(topic), i))
        out.append(topic)
    return tuple(out)
