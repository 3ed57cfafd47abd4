"""The `factcheck` command: a thin adapter over the core."""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.capture.ids import slug
from generator.check import run_check
from generator.commands import skeletons
from generator.content import pins
from generator.content.fields import (
    CLAIM_FIELDS,
    PERSON_FIELDS,
    SOURCE_FIELDS,
    json_schema,
    suggestion,
)
from generator.content.load import (
    load_all,
    load_claim,
    load_people,
    load_source,
    load_sources,
    markdown_files,
)
from generator.content.registry import build_registry
from generator.content.settings import CONFIG_FILE, Settings, config_path, load_settings
from generator.diagnostics import Report, Severity, display_path, has_errors
from generator.history.changed import Scope, changed_files, default_base
from generator.history.git import GitError
from generator.model import Claim, is_id
from generator.review.explain import explain


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=None,
                        help="the project folder (default: the nearest folder upwards from "
                             "here that holds the config file)")
    common.add_argument("--config-file", type=Path, default=None, metavar="FILE",
                        help="the site configuration, relative to --root "
                             "(default: mkdocs.yml)")
    common.add_argument("-v", "--verbose", action="count", default=0,
                        help="log what each stage does")
    parser = argparse.ArgumentParser(prog="factcheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", parents=[common], help="validate sources and claims")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github prints workflow annotations")
    check.add_argument("--changed", nargs="?", const="", default=None, metavar="BASE",
                       help="check only files changed since the merge base of BASE and HEAD "
                            "(committed or not), and the claims citing changed sources; "
                            "BASE defaults to origin/main, or HEAD where there is none")
    suggest = sub.add_parser("suggest", parents=[common],
                             help="rank source passages that may bear on a claim")
    suggest.add_argument("claim_file", type=Path, help="the claim file, e.g. "
                                                       "content/claims/my-claim.md")
    suggest.add_argument("--top", type=int, default=10, help="how many passages (default 10)")
    suggest.add_argument("--format", choices=("text", "json"), default="text")
    explain = sub.add_parser("explain", parents=[common],
                             help="show a claim's verdict rule and its evidence by account")
    explain.add_argument("claim_files", nargs="+", type=Path, metavar="claim_file",
                         help="claim files, e.g. content/claims/my-claim.md")
    explain.add_argument("--format", choices=("text", "markdown"), default="text",
                         help="markdown for a pull request's job summary")
    urls = sub.add_parser("urls", parents=[common],
                          help="print the url and archive_url of sources, for a link checker")
    urls.add_argument("files", nargs="*", type=Path,
                      help="source files (default: every source)")
    build = sub.add_parser("build", parents=[common], help="check, then build the site")
    build.add_argument("--site-dir", type=Path, default=None,
                       help="where to write the site (default: site/ under --root)")
    serve = sub.add_parser("serve", parents=[common],
                           help="build and serve with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    for command in (build, serve):
        command.add_argument("--build-future", action="store_true",
                             help="build the fact checks whose `published` day is after "
                                  "today too (by default each is left out until its day)")
    pin = sub.add_parser("pin", parents=[common],
                         help="record the SHA-256 of source bodies in sources.lock")
    pin.add_argument("ids", nargs="*", help="source ids to (re-)pin")
    pin.add_argument("--all", action="store_true", help="pin every source")
    new = sub.add_parser("new", parents=[common],
                         help="write a skeleton claim, source or person (or organisation)")
    new.add_argument("kind", choices=("claim", "source", "person"))
    new.add_argument("name", help="the file name without .md: lowercase letters, digits, -")
    new.add_argument("--name", dest="display_name", default=None, metavar="NAME",
                     help="for a person: the name as readers know it, filled in")
    new.add_argument("--type", dest="entry_type", default="person",
                     choices=("person", "organization"),
                     help="for a person: whether it is a person or an organization")
    capture = sub.add_parser(
        "capture", parents=[common],
        help="fetch a web page and store its article as a source, with a snapshot")
    capture.add_argument("target", metavar="URL|FILE",
                         help="the article's http(s) URL, or a page saved as .html")
    capture.add_argument("--id", dest="source_id", default=None,
                         help="the source id (default: proposed from the headline)")
    capture.add_argument("--replace", action="store_true",
                         help="re-capture the stored source --id names, keeping its id and "
                              "notes; refused if a quote citing it would break")
    capture.add_argument("--outlet", default=None, metavar="NAME",
                         help="the outlet's name, when the page does not give it as you "
                              "want it shown")
    capture.add_argument("--archive", action="store_true",
                         help="ask the Internet Archive's Save Page Now for an archive_url "
                              "(endpoint: $FACTCHECK_ARCHIVE_ENDPOINT)")
    capture.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                         help="give up on the page after this long (default 20)")
    schema = sub.add_parser("schema", parents=[common],
                            help="write JSON Schema for claim and source front-matter")
    schema.add_argument("--out", type=Path, default=Path("schemas"),
                        help="folder to write into, relative to --root (default: schemas)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(name)s: %(message)s",
    )
    found = _project_root(args.root, args.config_file)
    if isinstance(found, str):
        print(f"factcheck: {found}", file=sys.stderr)
        return 2
    root = found
    command = {"check": _check, "build": _build, "serve": _serve, "new": _new,
               "schema": _schema, "pin": _pin, "suggest": _suggest, "urls": _urls,
               "explain": _explain, "capture": _capture}[args.command]
    return command(args, root)


def _project_root(given: Path | None, config_file: Path | None) -> Path | str:
    """The project folder: `--root`, else the nearest folder upwards from here that holds
    the config file, as git finds its repository. A folder that is not a project is
    refused, never checked as an empty one. Returns the folder, or why there is none."""
    name = config_file or Path(CONFIG_FILE)
    if given is not None:
        if not given.is_dir():
            return f"--root {given} is not a folder"
        if config_file is not None and not config_path(given, name).is_file():
            return f"--config-file {config_file} is not a file under {given}"
        if not config_path(given, name).is_file():
            return (f"--root {given} is not a factcheck project: it has no {name}; name "
                    "the folder that holds it, or pass --config-file")
        return given
    here = Path.cwd()
    for folder in (here, *here.parents):
        if config_path(folder, name).is_file():
            return folder if folder != here else Path(".")
    return (f"not inside a factcheck project: no {name} here ({here}) or in any folder "
            "above; run factcheck from the project, or pass --root")


def _settings(args: argparse.Namespace, root: Path) -> Settings | None:
    """The settings, after printing their problems; None when one is an error."""
    settings, diagnostics = load_settings(root, args.config_file)
    for d in diagnostics:
        print(d.format_text())
    return None if has_errors(diagnostics) else settings


def _check(args: argparse.Namespace, root: Path) -> int:
    changes = None
    if args.changed is not None:
        base = args.changed or default_base(root)
        found = changed_files(root, base)
        if isinstance(found, GitError):
            print(f"factcheck: {found.message}", file=sys.stderr)
            return 2
        changes = found
    result = run_check(root, args.config_file, changes=changes)
    if result.scope is not None:
        print(_scope_line(result.scope), file=sys.stderr)
    fmt = getattr(args, "format", "text")
    for d in result.reported:
        print(d.format_github() if fmt == "github" else d.format_text())
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    notes = sum(d.severity is Severity.NOTE for d in result.diagnostics)
    corpus = result.corpus
    quotes = sum(len(v) for v in corpus.evidence.values())
    summary = (f"{len(corpus.sources)} sources, {len(corpus.claims)} claims, "
               f"{quotes} quotes anchored; {errors} error(s)"
               + (f", {notes} note(s)" if notes else ""))
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _scope_line(scope: Scope) -> str:
    changes = scope.changes
    since = f"since {changes.base}" + (
        "" if changes.base == "HEAD" else f" (merge base {changes.merge_base[:10]})")
    if scope.everything:
        return f"factcheck: {scope.everything} changed {since}, so everything is checked"
    return (f"factcheck: {len(changes.paths)} file(s) changed {since}; checking "
            f"{len(scope.claims) - len(scope.dependents)} changed claim(s), "
            f"{len(scope.sources)} changed source(s) and {len(scope.dependents)} claim(s) "
            "citing them")


def _suggest(args: argparse.Namespace, root: Path) -> int:
    path: Path = args.claim_file
    if not path.is_file() and (root / path).is_file():
        path = root / path
    if not path.is_file():
        print(f"factcheck: {args.claim_file} is not a file; name a claim file, e.g. "
              "content/claims/my-claim.md", file=sys.stderr)
        return 2
    if args.top < 1:
        print("factcheck: --top must be at least 1", file=sys.stderr)
        return 2
    from generator.search import suggest  # numpy and the index are for this command only

    settings = _settings(args, root)
    if settings is None:
        return 1
    run = suggest.suggest_for_file(path, settings, args.top)
    for d in run.diagnostics:
        print(d.format_text())
    if run.diagnostics:
        return 1
    if args.format == "json":
        print(json.dumps(suggest.to_json(run), indent=2, ensure_ascii=False))
    else:
        print(suggest.format_text(run))
    return 0


def _explain(args: argparse.Namespace, root: Path) -> int:
    paths = []
    for given in args.claim_files:
        path = given if given.is_file() or not (root / given).is_file() else root / given
        if not path.is_file():
            print(f"factcheck: {given} is not a file; name a claim file, e.g. "
                  "content/claims/my-claim.md", file=sys.stderr)
            return 2
        paths.append(path)
    settings = _settings(args, root)
    if settings is None:
        return 1
    sources = load_sources(settings).sources
    people = load_people(settings)
    registry = build_registry(people.people, settings, frozenset(people.broken_people))[0]
    failed = 0
    for n, path in enumerate(paths):
        claim, diags = load_claim(path, settings)
        for d in diags:
            print(d.format_text(), file=sys.stderr)
        if not isinstance(claim, Claim) or claim.verdict not in settings.verdict_keys:
            print(f"factcheck: {path} has errors (above); run `factcheck check`",
                  file=sys.stderr)
            failed += 1
            continue
        shown = display_path(path.resolve(), root.resolve())
        print(("\n" if n else "") + explain(claim, shown, sources, settings, registry,
                                            markdown=args.format == "markdown"), end="")
    return 1 if failed else 0


def _urls(args: argparse.Namespace, root: Path) -> int:
    settings = _settings(args, root)
    if settings is None:
        return 1
    paths = args.files or markdown_files(root / settings.sources_dir)
    errors = 0
    for path in paths:
        source, diags = load_source(path if path.is_file() else root / path, settings)
        for d in diags:
            print(d.format_text(), file=sys.stderr)
        if source is None:
            errors += 1
            continue
        for url in (source.url, source.archive_url):
            if url:
                print(url)
    return 1 if errors else 0


def _build(args: argparse.Namespace, root: Path) -> int:
    from generator.mkdocs_adapter.build import build_site

    return build_site(root.resolve(), args.config_file, args.site_dir, args.build_future)


def _serve(args: argparse.Namespace, root: Path) -> int:
    from generator.mkdocs_adapter.build import serve_site

    return serve_site(root.resolve(), args.config_file, args.dev_addr, args.build_future)


def _pin(args: argparse.Namespace, root: Path) -> int:
    if not args.ids and not args.all:
        print("factcheck: name the sources to pin, or pass --all", file=sys.stderr)
        return 2
    settings = _settings(args, root)
    if settings is None:
        return 1
    loaded = load_all(settings)
    ids = sorted(loaded.sources) if args.all else args.ids
    unknown = [i for i in ids if i not in loaded.sources]
    if unknown:
        known = sorted(loaded.sources.keys() | loaded.broken_sources)
        for sid in unknown:
            why = "has errors; run `factcheck check`" if sid in loaded.broken_sources else (
                _unknown_source(sid, known, settings.sources_dir))
            print(f"factcheck: `{sid}` {why}", file=sys.stderr)
        return 1
    lock = Report(pins.LOCK_NAME)
    current = pins.read_lock(root, lock) or {}
    for sid in ids:
        new = loaded.sources[sid].body_sha256
        if current.get(sid) != new:
            print(f"{sid} sha256:{new}" + (" (re-pinned)" if sid in current else ""))
        current[sid] = new
    pins.write_lock(root, current)
    return 0


def _unknown_source(given: str, known: Sequence[str], folder: str) -> str:
    """Why `factcheck pin` refuses a name: no such source, and the nearest ids (a file
    name or path given for an id proposes the id)."""
    stem = _file_stem(given)
    if stem != given and stem in known:
        return f"is a file, not a source id; did you mean `{stem}`?"
    return (f"is not a source id (there is no {folder}/{stem}.md)"
            + (suggestion(stem, known) or f"; a source id is a file name in {folder}/ "
               "without `.md`"))


def _file_stem(name: str) -> str:
    """The last segment of a path, without `.md`."""
    last = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return last[:-3] if last.lower().endswith(".md") else last


def _not_a_name(args: argparse.Namespace, folder: Path) -> str:
    """Why `factcheck new` refuses a name that is not an id, and the command that writes
    the id proposed from it: writing under a name nobody typed would surprise."""
    name: str = args.name
    proposal = slug(_file_stem(name))
    refusal = f"`{name}` is not a valid name: use lowercase letters, digits and hyphens"
    if not proposal:
        return f"{refusal}, e.g. `factcheck new {args.kind} my-{args.kind}`"
    path = folder / f"{proposal}.md"
    if path.exists():
        return (f"{refusal}; the name it would make, `{proposal}`, is taken ({path} "
                "exists): choose another")
    given = [(f, v) for f, v in (("--root", args.root), ("--config-file", args.config_file))
             if v is not None]
    command = shlex.join(["factcheck", "new", args.kind, proposal,
                          *(str(part) for pair in given for part in pair)])
    return f"{refusal}; to write {path}, run `{command}`"


def _new(args: argparse.Namespace, root: Path) -> int:
    name: str = args.name
    settings = _settings(args, root)
    if settings is None:
        return 1
    folder = root / {"claim": settings.claims_dir, "source": settings.sources_dir,
                     "person": settings.people_dir}[args.kind]
    if not is_id(name):
        print(f"factcheck: {_not_a_name(args, folder)}", file=sys.stderr)
        return 2
    if args.kind == "claim":
        text = skeletons.CLAIM.format(
            verdicts=", ".join(settings.verdict_keys), today=settings.today.isoformat()
        )
    elif args.kind == "person":
        text = skeletons.person(args.display_name, args.entry_type)
    else:
        text = skeletons.SOURCE
    path = folder / f"{name}.md"
    if path.exists():
        print(f"factcheck: {path} already exists; choose another name", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path)
    return 0


def _capture(args: argparse.Namespace, root: Path) -> int:
    if args.timeout <= 0:
        print("factcheck capture: error: --timeout must be more than 0", file=sys.stderr)
        return 2
    if args.replace and args.source_id is None:
        print("factcheck capture: error: --replace needs --id to name the stored source to "
              "re-capture, e.g. `--id russia-urges-talks --replace`", file=sys.stderr)
        return 2
    settings = _settings(args, root)
    if settings is None:
        return 1
    from generator.capture.run import Request  # trafilatura is for this command only
    from generator.commands import capturing

    request = Request(args.target, source_id=args.source_id, outlet=args.outlet,
                      archive=args.archive, timeout=args.timeout, replace=args.replace)
    return capturing.run(request, settings, args.verbose)


def _schema(args: argparse.Namespace, root: Path) -> int:
    settings = _settings(args, root)
    if settings is None:
        return 1
    out = root / args.out
    out.mkdir(parents=True, exist_ok=True)
    choices = {"verdict": settings.verdict_keys}
    for name, fields in (("claim", CLAIM_FIELDS), ("source", SOURCE_FIELDS),
                         ("person", PERSON_FIELDS)):
        schema = json_schema(fields, f"factcheck {name} front-matter", choices)
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
