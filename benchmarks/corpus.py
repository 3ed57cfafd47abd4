"""A deterministic synthetic corpus for the benchmarks: a whole factcheck project.

Real corpora are small and cannot be published in bulk, so the benchmarks build one of
any size from a word list: `claims` claim files citing `claims // 4` sources with three
quotes each. The text is plausible news English about the South Caucasus, with fictional
people and outlets (no words are put in real mouths) and `.example` URLs (no link ever
reaches a real host). It is made to stress what `factcheck check` really does:

- sources use curly or straight quotes and apostrophes, en/em dashes and hyphens, and some
  are hard-wrapped, so quotes match only after normalisation;
- every quote is cut from a real paragraph (6-25 words) and then varied as contributors
  do: the other quote or dash style, changed case, extra spaces and line breaks, and an
  ellipsis joining two pieces of one paragraph; one in ten is left verbatim;
- each source repeats a stock sentence in several paragraphs, and quotes of it carry
  `passage: pN`, as must any span that occurs more than once in its source.

The same (claims, seed) always gives the same bytes, so timings compare across runs and
machines. `write_corpus` is the library entry point (the site-build benchmark reuses it);
run as a script: `python benchmarks/corpus.py OUT --claims N`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

REPO = Path(__file__).resolve().parent.parent

VERDICTS = ("true", "mostly-true", "mixed", "mostly-false", "false", "misleading",
            "disputed", "unproven")
STANCES = ("supports", "refutes", "context")
TAGS = ("peacekeepers", "ceasefire", "border", "peace talks", "sanctions", "energy",
        "refugees", "elections", "transport", "military", "economy", "diplomacy")
CLAIMANTS = ("Armenian Foreign Ministry", "Azerbaijani Defence Ministry",
             "Russian Foreign Ministry", "Georgian government", "Tigran Hakobyan",
             "Leyla Huseynova", "Oleg Vasnetsov", "Nino Beridze", "an opposition MP in Yerevan",
             "a pro-government Telegram channel", "state television in Baku",
             "a viral Facebook post", "Farid Mammadli", "Irina Sokolova", "EU mission spokesman")
# (name, domain): fictional outlets on the reserved .example top-level domain.
OUTLETS = (("The Caspian Ledger", "caspianledger.example"),
           ("Ararat Daily Wire", "araratwire.example"),
           ("Kura Valley Times", "kuravalley.example"),
           ("Black Sea Monitor", "blackseamonitor.example"),
           ("Transcaucasus Review", "tcreview.example"),
           ("Lori Evening Post", "loripost.example"))

PEOPLE = (("Anahit Sargsyan", "Sargsyan", "deputy foreign minister"),
          ("Armen Davtyan", "Davtyan", "secretary of the Security Council"),
          ("Leyla Huseynova", "Huseynova", "presidential aide"),
          ("Oleg Vasnetsov", "Vasnetsov", "spokesman for the ministry"),
          ("Nino Beridze", "Beridze", "foreign policy adviser"),
          ("Tigran Hakobyan", "Hakobyan", "opposition lawmaker"),
          ("Farid Mammadli", "Mammadli", "deputy defence minister"),
          ("Irina Sokolova", "Sokolova", "spokeswoman for the ministry"),
          ("Giorgi Kapanadze", "Kapanadze", "parliamentary speaker"),
          ("Samvel Avetisyan", "Avetisyan", "head of the border commission"),
          ("Elnur Rzayev", "Rzayev", "ambassador in Moscow"),
          ("Marta Kovács", "Kovács", "EU special representative"),
          ("Jürgen Feld", "Feld", "head of the monitoring mission"),
          ("Ayşe Demir", "Demir", "Turkish envoy"))
# The registry: every name the claims and sources give, and whom each speaks for (fictional
# chains, so independence is decided by party as in a real project).
GOVERNMENTS = ("Armenian Government", "Azerbaijani Government", "Russian Government")
PART_OF = {"Armenian Foreign Ministry": "Armenian Government",
           "Azerbaijani Defence Ministry": "Azerbaijani Government",
           "Russian Foreign Ministry": "Russian Government",
           "Anahit Sargsyan": "Armenian Foreign Ministry",
           "Armen Davtyan": "Armenian Government",
           "Leyla Huseynova": "Azerbaijani Government",
           "Oleg Vasnetsov": "Russian Foreign Ministry",
           "Farid Mammadli": "Azerbaijani Defence Ministry",
           "Irina Sokolova": "Russian Foreign Ministry",
           "Elnur Rzayev": "Azerbaijani Government"}
PLACES = ("Armenia", "Azerbaijan", "Russia", "Georgia", "Turkey", "Iran", "Moscow", "Baku",
          "Yerevan", "Tbilisi", "Brussels", "Washington", "Ankara")
CITIES = ("Yerevan", "Baku", "Moscow", "Tbilisi", "Brussels", "Sochi", "Gyumri", "Ganja",
          "Batumi", "Kapan", "Vienna", "Geneva")
INSTITUTIONS = ("Foreign Ministry", "Defence Ministry", "National Assembly", "Security Council",
                "border commission", "Migration Service", "Central Bank", "Prosecutor’s Office",
                "Interior Ministry", "Economy Ministry")
NOUNS = ("ceasefire", "border", "delegation", "agreement", "proposal", "checkpoint", "convoy",
         "pipeline", "corridor", "treaty", "mission", "statement", "report", "survey", "census",
         "inquiry", "budget", "railway", "highway", "tariff", "referendum", "memorandum",
         "deployment", "blockade", "settlement", "timetable", "roadmap", "dispute", "exchange",
         "investigation", "framework", "concession", "offensive", "withdrawal", "embargo")
PLURALS = ("peacekeepers", "observers", "detainees", "refugees", "villages", "shipments",
           "troops", "monitors", "negotiators", "residents", "lorries", "families", "officials",
           "soldiers", "journalists", "volunteers", "diplomats", "farmers")
ADJECTIVES = ("trilateral", "bilateral", "long-standing", "cross-border", "unprecedented",
              "preliminary", "disputed", "temporary", "formal", "informal", "regional",
              "humanitarian", "Russian-brokered", "EU-mediated", "fragile", "lengthy", "broad",
              "renewed", "joint", "unilateral", "high-level", "confidential", "draft",
              "so-called", "military", "economic", "final", "revised", "far-reaching")
VERBS = ("accused", "urged", "rejected", "welcomed", "criticised", "proposed", "postponed",
         "cancelled", "announced", "confirmed", "denied", "questioned", "signed", "suspended",
         "resumed", "extended", "blocked", "reopened", "reviewed", "approved", "dismissed",
         "endorsed")
PRESENT = ("rejects", "welcomes", "questions", "signs", "suspends", "extends", "blocks",
           "reopens", "backs", "warns over", "weighs", "delays")
ADVERBS = ("sharply", "quietly", "repeatedly", "abruptly", "formally", "briefly", "again")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
TIMES = ("on Wednesday", "on Monday evening", "late last year", "in early December",
         "earlier this month", "last week", "on Friday", "two days later", "in the spring",
         "over the weekend", "at the end of the month")
EVENTS = ("the September 19–20 offensive", "the 2020 war", "the March elections",
          "the November summit in Sochi", "the January 13 press conference",
          "the 2022–2023 blockade", "the October talks in Granada", "the prisoner exchange",
          "the border clashes of May 12–13", "the spring census")
COUNTS = ("2,000 or so", "about 120", "more than 40", "nearly 3,500", "some 600", "at least 18",
          "fewer than 300", "roughly 1,200", "about 75")
ASIDES = ("a move that surprised many observers", "the first such step in years",
          "as officials had warned", "despite repeated denials", "according to two diplomats",
          "a claim the ministry disputes", "at least on paper")
STOCK = ("The ministry gave no further details on the matter.",
         "Officials did not immediately respond to requests for comment.",
         "The statement did not say when the talks would resume.",
         "Neither side has published the full text of the document.",
         "The figures could not be independently verified at the time.")
HEADINGS = ("Reaction", "Background", "What comes next", "The dispute", "Regional context")

# What a plain YAML scalar may hold here; anything else is written double-quoted.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'’()\-]*[A-Za-z0-9.)]")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")
# A wrapped line may not start like a Markdown block, or the paragraph would split.
_BLOCK_START = re.compile(r"[-+*#>=|`~<]|\d+[.)]$")
_STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})


@dataclass(frozen=True)
class Paragraph:
    """A quotable paragraph: its passage anchor, text as written, and normalised text."""

    passage: str
    text: str
    norm: str


@dataclass
class SourceDoc:
    """What claims need of a written source: its quotable paragraphs and stock sentence."""

    id: str
    outlet: str | None
    url: str | None
    stock: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    norm: str = ""


@dataclass(frozen=True)
class Quote:
    source: str
    text: str
    passage: str | None


def normalise(text: str) -> str:
    """The generator's matching form for the characters this corpus uses."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().lower()


def occurrences(hay: str, needle: str) -> int:
    """Overlapping occurrences, as the anchorer counts them."""
    count, at = 0, hay.find(needle)
    while at >= 0:
        count, at = count + 1, hay.find(needle, at + 1)
    return count


def scalar(value: str) -> str:
    """A YAML scalar: plain where a contributor would write it plain, else double-quoted."""
    if (_PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS
            and ": " not in value):
        return value
    return json.dumps(value, ensure_ascii=False)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def a(word: str) -> str:
    """The word with its indefinite article."""
    return f"{'an' if word[0] in 'aeiouAEIOU' else 'a'} {word}"


# -- prose -------------------------------------------------------------------------------


def noun_phrase(rng: random.Random) -> str:
    return rng.choice((
        lambda: f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        lambda: f"{a(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)} on the {rng.choice(NOUNS)}",
        lambda: f"{rng.choice(PLACES)}’s {rng.choice(NOUNS)}",
        lambda: f"the {rng.choice(NOUNS)} of {rng.choice(COUNTS)} {rng.choice(PLURALS)}",
    ))()


def subject(rng: random.Random) -> str:
    return rng.choice((
        lambda: f"the {rng.choice(INSTITUTIONS)}",
        lambda: rng.choice(PLACES),
        lambda: rng.choice(PEOPLE)[1],
        lambda: f"{rng.choice(PLACES)}’s {rng.choice(INSTITUTIONS)}",
    ))()


def adjunct(rng: random.Random) -> str:
    return rng.choice((
        lambda: f"in {rng.choice(CITIES)}",
        lambda: f"during {rng.choice(EVENTS)}",
        lambda: f"after {rng.choice(EVENTS)}",
        lambda: f"ahead of {rng.choice(EVENTS)}",
        lambda: rng.choice(TIMES),
        lambda: f"without {a(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)}",
    ))()


def clause(rng: random.Random) -> str:
    return f"{subject(rng)} {rng.choice(VERBS)} {noun_phrase(rng)} {adjunct(rng)}"


def sentence(rng: random.Random) -> str:
    """One sentence of news prose, curly-quoted; `straighten` makes a source plain."""
    person = rng.choice(PEOPLE)
    return rng.choice((
        lambda: f"{person[0]}, the {person[2]}, said {rng.choice(TIMES)} that {clause(rng)}.",
        lambda: f"“{cap(clause(rng))},” {person[1]} told reporters in {rng.choice(CITIES)}.",
        lambda: f"{cap(clause(rng))}—{rng.choice(ASIDES)}—{adjunct(rng)}.",
        lambda: f"The {rng.choice(NOUNS)} was {rng.choice(VERBS)} {rng.choice(ADVERBS)} "
                f"after {rng.choice(EVENTS)}.",
        lambda: f"According to the {rng.choice(INSTITUTIONS)}, {rng.choice(COUNTS)} "
                f"{rng.choice(PLURALS)} crossed between {rng.choice(MONTHS)} "
                f"{rng.randint(1, 14)}–{rng.randint(15, 28)}.",
        lambda: f"{person[1]} described {noun_phrase(rng)} as “{rng.choice(ADJECTIVES)} and "
                f"{rng.choice(ADJECTIVES)},” adding that {clause(rng)}.",
        lambda: "{} and {} have yet to agree on {}.".format(*rng.sample(PLACES, 2),
                                                          noun_phrase(rng)),
        lambda: f"Officials in {rng.choice(CITIES)} did not comment on the "
                f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}, which {rng.choice(PLURALS)} "
                f"say is {rng.choice(ADJECTIVES)}.",
        lambda: f"{cap(clause(rng))}, and {clause(rng)}.",
    ))()


def paragraph(rng: random.Random, stock: str | None) -> str:
    """Two to five sentences (30-100 words), ending with the stock sentence if given."""
    sentences = [sentence(rng) for _ in range(rng.randint(2, 5))]
    while len(" ".join(sentences).split()) < 30:
        sentences.append(sentence(rng))
    if stock:
        sentences.append(stock)
    return " ".join(sentences)


def wrap(text: str, width: int) -> str:
    """Hard-wrap a paragraph as some archives store it, never starting a Markdown block."""
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width and not _BLOCK_START.match(word):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


# -- sources -----------------------------------------------------------------------------


def partial_date(rng: random.Random, years: tuple[int, int]) -> str:
    year = rng.randint(*years)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}",
                       f"{year}-{month:02d}-{day:02d}"))


def source_meta(rng: random.Random, doc: SourceDoc, title: str, published: str) -> list[str]:
    lines = [f"title: {scalar(title)}"]
    if doc.outlet:
        lines.append(f"outlet: {scalar(doc.outlet)}")
    if doc.url:
        lines.append(f"url: {doc.url}")
    lines.append(f"published: {published}")
    if rng.random() < 0.6:
        lines.append(f"author: {scalar(rng.choice(PEOPLE)[0])}")
    lines.append(f"language: {rng.choice(('en', 'en', 'en', 'en-GB'))}")
    if rng.random() < 0.1:
        lines += ["notes: >-", "  The stored copy had one paragraph per line; blank lines now",
                  "  separate them. The byline is the one the article shows."]
    return lines


def make_source(rng: random.Random, index: int) -> tuple[SourceDoc, str]:
    """One source file's text and the quotable paragraphs it holds."""
    outlet, domain = rng.choice(OUTLETS)
    topic = rng.choice(NOUNS)
    sid = f"{domain.split('.')[0]}-{topic}-{index:05d}"
    published = partial_date(rng, (2018, 2024))
    title = f"{rng.choice(PLACES)} {rng.choice(PRESENT)} {rng.choice(ADJECTIVES)} {topic}"
    if rng.random() < 0.3:
        title += f": {rng.choice(PEOPLE)[1]} {rng.choice(PRESENT)} {rng.choice(NOUNS)} deal"
    url = (f"https://www.{domain}/{published[:4]}/{sid.split('-', 1)[1]}" if rng.random() < 0.9
           else None)
    doc = SourceDoc(sid, outlet if rng.random() < 0.95 else None, url, rng.choice(STOCK))
    body = source_body(rng, doc)
    meta = source_meta(rng, doc, title, published)
    return doc, "---\n" + "\n".join(meta) + "\n---\n" + body


def source_body(rng: random.Random, doc: SourceDoc) -> str:
    """8-20 paragraphs and perhaps a subheading or two, in this source's house style."""
    count = rng.randint(8, 20)
    stock_at = set(rng.sample(range(count), rng.randint(2, 4)))
    heading_at = set(rng.sample(range(3, count), rng.randint(0, 2)))
    straight, width = rng.random() < 0.3, rng.choice((0, 0, 72, 80))
    blocks: list[str] = []
    norms: list[str] = []
    for i in range(count):
        if i in heading_at:
            blocks.append(f"## {rng.choice(HEADINGS)}")
            norms.append(normalise(blocks[-1][3:]))
        text = paragraph(rng, doc.stock if i in stock_at else None)
        text = text.translate(_STRAIGHTEN) if straight else text
        text = wrap(text, width) if width else text
        blocks.append(text)
        doc.paragraphs.append(Paragraph(f"p{len(blocks)}", text, normalise(text)))
        norms.append(doc.paragraphs[-1].norm)
    # Headings are passages too: a quote must be unique among them as well.
    doc.norm = "\x00".join(norms)
    return "\n\n".join(blocks) + "\n"


# -- quotes ------------------------------------------------------------------------------


def pieces_for(rng: random.Random, para: Paragraph, doc: SourceDoc) -> list[str] | None:
    """Word spans of one paragraph, in order: one piece, or two to join with an ellipsis."""
    tokens = list(re.finditer(r"\S+", para.text))
    words = [t.group() for t in tokens]
    roll = rng.random()
    if roll < 0.12 and normalise(doc.stock) in para.norm:
        stock = doc.stock.split()
        starts = [i for i in range(len(words)) if words[i:i + len(stock)] == stock]
        if not starts:
            return None
        spans = [(starts[0], starts[0] + len(stock))]
    elif roll < 0.35 and len(words) >= 10:
        first, gap, second = rng.randint(3, 10), rng.randint(2, 12), rng.randint(3, 10)
        if first + gap + second > len(words):
            return None
        a = rng.randrange(len(words) - (first + gap + second) + 1)
        spans = [(a, a + first), (a + first + gap, a + first + gap + second)]
    else:
        length = rng.randint(6, min(25, len(words)))
        a = rng.randrange(len(words) - length + 1)
        spans = [(a, a + length)]
    return [para.text[tokens[a].start():tokens[b - 1].end()] for a, b in spans]


def disambiguate(doc: SourceDoc, para: Paragraph, first: str) -> tuple[bool, str | None]:
    """Whether the quote can be anchored, and the passage it needs if it occurs elsewhere."""
    needle = normalise(first)
    if occurrences(doc.norm, needle) == 1:
        return True, None
    if occurrences(para.norm, needle) == 1:
        return True, para.passage
    return False, None


def vary_piece(rng: random.Random, piece: str) -> str:
    """Typography a contributor's copy might change: quote and dash style, case, spacing."""
    if rng.random() < 0.6:
        piece = (piece.translate(_STRAIGHTEN) if re.search("[‘’“”–]", piece)
                 else piece.replace("'", "’").replace('"', "“"))
    if rng.random() < 0.4:
        piece = (piece.replace("—", "-").replace("–", "-") if re.search("[–—]", piece)
                 else piece.replace("-", "–"))
    if rng.random() < 0.35:
        piece = rng.choice((str.lower, str.upper, cap))(piece)
    if rng.random() < 0.35:
        piece = _SPACE.sub(lambda _: rng.choice((" ", " ", " ", "  ", "\n")), piece)
    return piece


def quote_from(rng: random.Random, doc: SourceDoc) -> Quote:
    """A quote anchored exactly once in `doc`, varied as a contributor would."""
    for _ in range(200):
        para = rng.choice(doc.paragraphs)
        pieces = pieces_for(rng, para, doc)
        if not pieces:
            continue
        ok, passage = disambiguate(doc, para, pieces[0])
        if not ok:
            continue
        if rng.random() >= 0.1:
            varied = [vary_piece(rng, p) for p in pieces]
            # Every varied quote differs from its source somewhere, at least in spacing.
            pieces = varied if varied != pieces else [p.replace(" ", "  ", 1) for p in pieces]
        joiner = rng.choice((" … ", " … ", "…", " […] ", " ... ", " [...] "))
        return Quote(doc.id, joiner.join(pieces), passage)
    raise RuntimeError(f"no unique quote found in source {doc.id}")


# -- claims ------------------------------------------------------------------------------


def quote_yaml(text: str) -> list[str]:
    """`quote:` lines: a literal block when the quote spans lines, else one scalar."""
    if "\n" in text:
        return ["    quote: |-", *(f"      {line}" for line in text.split("\n"))]
    return [f"    quote: {json.dumps(text, ensure_ascii=False)}"]


# The stances the first evidence items take so that the verdict's needs in the default
# scale hold (the rest are drawn at random): support or dispute from the sources' outlets,
# which no claimant names, and for `disputed` from two accounts.
FIRST_STANCES = {"true": ("supports",), "mostly-true": ("supports",),
                 "mixed": ("supports", "refutes"), "mostly-false": ("refutes",),
                 "false": ("refutes",), "misleading": ("context",),
                 "disputed": ("supports", "refutes")}


def evidence_yaml(rng: random.Random, quotes: list[Quote], verdict: str) -> list[str]:
    lines = ["evidence:"]
    first = FIRST_STANCES.get(verdict, ())
    for n, q in enumerate(quotes):
        stance = rng.choice(STANCES)
        lines += [f"  - source: {q.source}", *quote_yaml(q.text),
                  f"    stance: {first[n] if n < len(first) else stance}"]
        if q.passage:
            lines.append(f"    passage: {q.passage}")
        if rng.random() < 0.1 and n >= len(first):
            lines.append(f"    account: {scalar(rng.choice(PEOPLE)[0])}")
        elif verdict == "disputed" and n == 1:
            lines.append("    account: A second account")
        if rng.random() < 0.15:
            lines.append(f"    note: {scalar(cap(clause(rng)) + '.')}")
    return lines


def folded(key: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, 78, break_on_hyphens=False)
    return [f"{key}: >-", *(f"  {line}" for line in lines)]


def claim_dates(rng: random.Random) -> tuple[dt.date, dt.date | None]:
    published = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))
    updated = published + dt.timedelta(days=rng.randint(1, 60)) if rng.random() < 0.3 else None
    return published, updated


def claim_meta(rng: random.Random, i: int, quotes: list[Quote]) -> list[str]:
    published, updated = claim_dates(rng)
    lines = [f"claim: {scalar(cap(clause(rng)) + '.')}"]
    if rng.random() < 0.3:
        lines.append(f"title: {scalar('Is it true that ' + clause(rng) + '?')}")
    lines += [f"claimant: {scalar(rng.choice(CLAIMANTS))}",
              f"claim_date: {partial_date(rng, (2019, 2024))}"]
    if rng.random() < 0.4:
        lines.append(f"appearance: {quotes[0].source}")
    verdict = VERDICTS[i % len(VERDICTS)]
    lines += [f"verdict: {scalar(verdict)}",
              *folded("summary", " ".join(sentence(rng) for _ in range(rng.randint(2, 3)))),
              f"published: {published.isoformat()}"]
    if updated:
        lines.append(f"updated: {updated.isoformat()}")
    tags = rng.sample(TAGS, rng.randint(1, 3))
    lines.append(f"tags: [{', '.join(scalar(t) for t in tags)}]")
    if updated and rng.random() < 0.5:
        lines += ["corrections:", f"  - date: {updated.isoformat()}",
                  f"    note: {scalar('Verdict changed from mixed after a source was added.')}"]
    return lines + evidence_yaml(rng, quotes, verdict)


def claim_body(rng: random.Random, docs: list[SourceDoc]) -> str:
    """The analysis: prose, a link to the original when known, and the sources cited."""
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
             for _ in range(rng.randint(1, 3))]
    linked = next((d for d in docs if d.url and d.outlet), None)
    if linked:
        paras.append(f"The [{linked.outlet} report]({linked.url}) gives the fullest account.")
    paras.append("## Sources\n\n" + "\n".join(f"- `{d.id}`" for d in docs))
    return "\n\n".join(paras) + "\n"


def make_claim(rng: random.Random, i: int, sources: list[SourceDoc]) -> tuple[str, str]:
    """A claim file's slug and text, its three quotes from one to three sources."""
    primary = sources[i % len(sources)]
    docs = [primary, *(primary if rng.random() < 0.4 else rng.choice(sources)
                       for _ in range(2))]
    quotes = [quote_from(rng, d) for d in docs]
    slug = f"{rng.choice(TAGS).replace(' ', '-')}-{rng.choice(VERBS)}-{i:05d}"
    meta = claim_meta(rng, i, quotes)
    cited = list({d.id: d for d in docs}.values())
    return slug, "---\n" + "\n".join(meta) + "\n---\n" + claim_body(rng, cited)


# -- the project -------------------------------------------------------------------------


def body_sha256(text: str) -> str:
    """SHA-256 of the body as the generator splits it, for sources.lock."""
    _, body = YAMLHandler().split(text)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def config_with_topics(config: Path = REPO / "mkdocs.yml") -> str:
    """The project's mkdocs.yml (or `config`) with every tag of the corpus a registered
    topic."""
    text = config.read_text(encoding="utf-8")
    marker = "      topics:\n"
    assert marker in text, "mkdocs.yml registers no topics"
    missing = [t for t in TAGS if f"{{slug: {t.replace(' ', '-')}," not in text]
    entries = "".join(f"        - {{slug: {t.replace(' ', '-')}, name: {t.capitalize()}}}\n"
                      for t in missing)
    return text.replace(marker, marker + entries, 1)


def registry_entries() -> dict[str, str]:
    """The files of content/people/: slug -> text, for every name the corpus gives."""
    people = {name: role for name, _, role in PEOPLE}
    names = [*GOVERNMENTS, *CLAIMANTS, *(o for o, _ in OUTLETS), *people, "A second account"]
    out = {}
    for name in dict.fromkeys(names):
        kind = "person" if name in people else "organization"
        lines = ["---", f"name: {scalar(name)}", f"type: {kind}"]
        if name in PART_OF:
            lines.append(f"part_of: {slug_of(PART_OF[name])}")
        if name in people:
            lines.append(f"role: {scalar(cap(people[name]))}")
        out[slug_of(name)] = "\n".join([*lines, "---", "A fictional entry of the benchmark.", ""])
    return out


def slug_of(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode(
        "ascii", "ignore").decode().lower()).strip("-")


def write_corpus(out: Path, claims: int, seed: int = 0,
                 config: Path = REPO / "mkdocs.yml") -> None:
    """Write a complete project into `out`: mkdocs.yml (from `config`), sources,
    sources.lock and claims.

    The sources are pinned so that `factcheck check` reports nothing at all and the pin
    verification is part of what is measured, as in a real project.
    """
    if claims < 1:
        raise ValueError("claims must be at least 1")
    sources_dir, claims_dir = out / "sources", out / "content" / "claims"
    if any(sources_dir.glob("*.md")) or any(claims_dir.glob("*.md")):
        raise FileExistsError(f"{out} already holds a corpus; choose an empty folder")
    sources_dir.mkdir(parents=True, exist_ok=True)
    claims_dir.mkdir(parents=True, exist_ok=True)
    write_text(out / "mkdocs.yml", config_with_topics(config))
    rng = random.Random(seed)
    docs, pins = [], []
    for index in range(max(1, claims // 4)):
        doc, text = make_source(rng, index)
        write_text(sources_dir / f"{doc.id}.md", text)
        docs.append(doc)
        pins.append(f"{doc.id} sha256:{body_sha256(text)}\n")
    write_text(out / "sources.lock", "# SHA-256 of each source's body.\n" + "".join(sorted(pins)))
    people_dir = out / "content" / "people"
    people_dir.mkdir(parents=True, exist_ok=True)
    for slug, text in registry_entries().items():
        write_text(people_dir / f"{slug}.md", text)
    for i in range(claims):
        slug, text = make_claim(rng, i, docs)
        write_text(claims_dir / f"{slug}.md", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into")
    parser.add_argument("--claims", type=int, default=1000, help="number of claims")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    try:
        write_corpus(args.out, args.claims, args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.claims} claims and {max(1, args.claims // 4)} sources to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
