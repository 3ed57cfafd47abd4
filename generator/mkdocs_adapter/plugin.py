"""The MkDocs adapter: run the core, hand its pages to MkDocs, watch the sources.

Everything essential happens in the core (`check`, `site.pages`); this file only
moves pages between the core and MkDocs. Generated pages skip MkDocs' Markdown step:
each is rendered when MkDocs writes it and let go right after, so memory does not grow
with the site. Under `serve --dirty` (what `factcheck serve` runs) the plugin lives as
long as the server and keeps what it loaded and anchored; a generated page is rebuilt
only when its key, a digest of what it shows, changed.
"""

from __future__ import annotations

import gc
import logging
import subprocess
import threading
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.check import CheckResult, run_check
from generator.history.revisions import History, head, read_history
from generator.preview.cache import CheckCache
from generator.preview.watch import use_file_events
from generator.search.pagefind import SearchIndexError, index_site
from generator.site.census import take_census
from generator.site.csp import add_csp
from generator.site.pages import SCRIPTS, STYLESHEETS, PageSpec, Reuse, generate_site
from generator.site.render import theme_text

log = logging.getLogger("mkdocs.plugins.factcheck")

# `factcheck build` checks before calling MkDocs and leaves its result here, so the
# work is not done twice.
PRECHECKED: dict[Path, CheckResult] = {}
# `factcheck serve` checks with the cache the server then keeps using.
SERVE_CACHES: dict[Path, CheckCache] = {}


PAGE_SETTINGS = ("site_dir", "site_url", "use_directory_urls", "repo_url", "edit_uri",
                 "edit_uri_template", "nav")


def nav_titles(nav: Any) -> dict[str, str]:
    """Page path to its title in the `nav` setting (`- Title: path`)."""
    titles: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else ():
            for title, value in item.items() if isinstance(item, dict) else ():
                if isinstance(value, str):
                    titles[value] = str(title)
                else:
                    walk(value)

    walk(nav)
    return titles


class PlannedFile(File):
    """A generated page's file. Under a dirty build MkDocs rebuilds a file when it says
    it is modified: the plugin says so when the page's key changed."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class GeneratedPage(Page):
    """A page the core planned: MkDocs gets its title, description and table of contents,
    and its HTML only when it writes the page (see the plugin's `on_page_context`)."""

    def __init__(self, spec: PageSpec, file: File, config: MkDocsConfig, date: str,
                 nav_title: str | None = None) -> None:
        # The nav names a page by its nav title, the page's head by its own (`meta.title`).
        super().__init__(nav_title or theme_text(spec.title), file, config)
        self.spec = spec
        # Dates in the sitemap come from the content, never from the build machine's clock.
        self.update_date = spec.date or date

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        # As front-matter would: themes print `meta.title` as it is, `title` unescaped.
        self.meta = {"title": theme_text(self.spec.title)}
        if self.spec.description:
            self.meta["description"] = theme_text(self.spec.description)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([{"level": 2, "id": i, "name": t, "children": []}
                            for i, t in self.spec.toc])


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory from one preview rebuild to the next
    (MkDocs makes a new template environment for each). Jinja checks each entry
    against its template's source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class FactcheckPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(self) -> None:
        self._start(serving=False, dirty=False)

    def _start(self, *, serving: bool, dirty: bool) -> None:
        """Start afresh. Having `on_startup`, the plugin is one instance per process: MkDocs
        keeps it across the rebuilds of `serve`, and across builds."""
        self.serving, self.dirty = serving, serving and dirty
        self.builds = 0
        # Kept between the rebuilds of a server: loaded files and resolved claims, digests
        # and data-file parts, the git history, compiled theme templates.
        self.cache = CheckCache() if serving else None
        self.reuse = Reuse()
        self.history: tuple[str, History] | None = None
        self.templates = TemplateCache()
        # Under `serve --dirty`: each generated page's file (and page) object, with the key
        # and settings it was made for, and the key each page was last written with.
        self.made: dict[str, tuple[str, str, PlannedFile]] = {}
        self.written: dict[str, str] = {}
        self.indexer: threading.Thread | None = None
        self.indexing: subprocess.Popen[str] | None = None
        self.reindex = False

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None
                    ) -> tuple[list[Any], list[Any]]:
        # The core validates these options itself, from mkdocs.yml, with line numbers.
        self.options = dict(options)
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._start(serving=command == "serve", dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.builds += 1
        if self.serving:
            self.cache = SERVE_CACHES.pop(self.root, self.cache)
        result = PRECHECKED.pop(self.root, None)
        if result is None:  # not yet reported by `factcheck build`
            result = run_check(self.root, cache=self.cache)
            for d in result.diagnostics:
                (log.error if d.severity.value == "error" else log.warning)(d.format_text())
        if not result.ok:
            raise PluginError("factcheck: the sources and claims have errors (listed above); "
                              "run `factcheck check` for the full report")
        self.settings = result.settings
        self.corpus = result.corpus
        self.newest = max(((c.updated or c.published).first_day
                           for c in self.corpus.claims.values()), default="1970-01-01")
        site = generate_site(result.corpus, Path(config.docs_dir), self._history(),
                             reuse=self.reuse if self.serving else Reuse())
        self.generated = site.files
        self.pages = site.pages
        for target, names in ((config.extra_css, STYLESHEETS),
                              (config.extra_javascript, SCRIPTS)):
            for name in names:
                if name not in [str(x) for x in target]:
                    target.append(name)
        return config

    def _history(self) -> History:
        """The claims' git history; a server reads it again only when HEAD moved."""
        commit = head(self.root) if self.serving else None
        if commit is None or self.history is None or self.history[0] != commit:
            history = read_history(self.root, self.settings.claims_dir)
            self.history = (commit, history) if commit else None
            return history
        return self.history[1]

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir).resolve()
        claims = (self.root / self.settings.claims_dir).resolve()
        prefix = claims.relative_to(docs).as_posix() + "/" if claims.is_relative_to(docs) else None
        for f in list(files):
            # Claim files are data; their pages are generated.
            if prefix and f.src_uri.startswith(prefix) and f.src_uri.endswith(".md") and (
                    "/" not in f.src_uri[len(prefix):]):
                files.remove(f)
        for path, content in self.generated.items():
            self._replace(files, File.generated(config, path, content=content))
        # What MkDocs' File and Page objects take from the config.
        config_key = repr([config.get(k) for k in PAGE_SETTINGS])
        self.nav_titles = nav_titles(config.nav)
        for spec in self.pages.values():
            self._replace(files, self._page_file(spec, config, config_key))
        self._forget_gone_pages()
        return files

    def _forget_gone_pages(self) -> None:
        """Under a dirty build, delete the written pages no longer planned (a claim deleted
        or renamed, a listing page fewer), so the preview shows no page the build would not."""
        for path in [p for p in self.made if p not in self.pages]:
            page = Path(self.made.pop(path)[2].abs_dest_path)
            self.written.pop(path, None)
            page.unlink(missing_ok=True)

    @staticmethod
    def _replace(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)

    def _page_file(self, spec: PageSpec, config: MkDocsConfig, config_key: str) -> PlannedFile:
        if not self.dirty:
            return self._new_page(spec, config)
        # A dirty build rebuilds only the pages whose key changed since they were written,
        # and reuses the file and page objects of the others.
        made = self.made.get(spec.path)
        if made is not None and made[:2] == (spec.key, config_key):
            file = made[2]
            page = file.page
            assert isinstance(page, GeneratedPage)
            page.spec, page.update_date = spec, spec.date or self.newest
        else:
            file = self._new_page(spec, config)
            self.made[spec.path] = (spec.key, config_key, file)
        file.modified = self.written.get(spec.path) != spec.key
        return file

    def _new_page(self, spec: PageSpec, config: MkDocsConfig) -> PlannedFile:
        file = cast(PlannedFile, PlannedFile.generated(config, spec.path, content=spec.key))
        GeneratedPage(spec, file, config, self.newest, self.nav_titles.get(spec.path))
        return file

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files
               ) -> jinja2.Environment:
        if self.serving:
            env.bytecode_cache = self.templates
        return env

    def on_pre_page(self, page: Any, config: MkDocsConfig, files: Files) -> Any:
        if not isinstance(page, GeneratedPage):
            page.update_date = self.newest  # never the build machine's clock
        return page

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if isinstance(page, GeneratedPage):
            page.content = page.spec.body()
        return context

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        if isinstance(page, GeneratedPage):
            page.content = ""  # written: let it go
            if self.dirty:
                self.written[page.file.src_uri] = page.spec.key
        return add_csp(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return add_csp(output) if template_name.endswith(".html") else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.serving and self.builds > 1:
            # A preview rebuild: the check ran above; the search index catches up behind.
            self._index_behind(site_dir)
            return
        if self.serving:
            # The first build's objects (the corpus, MkDocs' pages) live as long as the
            # server: out of the garbage collector's sight, each rebuild does not walk them.
            gc.collect()
            gc.freeze()
        census = self.census = take_census(self.corpus, site_dir)
        if not census.ok:
            raise PluginError("factcheck: the built site lost content:\n  "
                              + "\n  ".join(census.problems))
        log.info(census.summary())
        try:
            index_site(site_dir)
        except SearchIndexError as exc:
            raise PluginError(f"factcheck: {exc}") from exc

    def _index_behind(self, site_dir: Path) -> None:
        """Re-index in the background; a rebuild during a run asks for one more run."""
        self.reindex = True
        if self.indexer is not None and self.indexer.is_alive():
            return

        def run() -> None:
            while self.reindex:
                self.reindex = False
                try:
                    index_site(site_dir, background=True, started=self._indexing)
                except SearchIndexError as exc:
                    log.warning("factcheck: search index not updated: %s", exc)

        self.indexer = threading.Thread(target=run, name="factcheck-search", daemon=True)
        self.indexer.start()

    def _indexing(self, proc: subprocess.Popen[str]) -> None:
        self.indexing = proc

    def on_shutdown(self) -> None:
        # A background index of a preview that is closing is of no use to anyone.
        if self.indexing is not None and self.indexing.poll() is None:
            self.indexing.kill()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        sources = str(self.root / self.settings.sources_dir)
        server.watch(sources)
        use_file_events(server, [config.docs_dir, config.config_file_path, sources])
        return server
