"""The `factcheck` MkDocs plugin: run the core, hand its pages to MkDocs.

Everything essential happens in the core (`generator.check`, `generator.site`); the plugin
moves pages between the core and MkDocs. Under `serve` it holds a `Preview`, everything
kept between two builds; `factcheck build` and `serve` hand it their check's result, so the
work is not done twice (`build.py`). A preview build with errors writes nothing: the server
keeps the last good site and shows the errors on its pages (`generator/preview/overlay.py`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import i18n
from generator.check import CheckResult, CheckSteps, run_check
from generator.history.revisions import read_history
from generator.mkdocs_adapter.config import FactcheckConfig
from generator.mkdocs_adapter.filecache import CARDS, FileCache
from generator.mkdocs_adapter.pages import PlannedMkDocsPage, PlannedPages, replace, sitemap_day
from generator.mkdocs_adapter.serving import show_errors_on_pages
from generator.preview.session import Preview
from generator.preview.status import problems_of
from generator.preview.watch import use_file_events
from generator.search.pagefind import SearchIndexError, index_site
from generator.site.census import Census, take_census
from generator.site.csp import add_csp
from generator.site.desk import desk_facts
from generator.site.pages import SCRIPTS, STYLESHEETS, LazyFile, PlannedSite, generate_site
from generator.site.search_words import search_words
from generator.site.urls import local_address_warning

log = logging.getLogger("mkdocs.plugins.factcheck")
# Outside MkDocs' loggers: a warning about where this build's links point is not a problem
# of the content, so `mkdocs build --strict` (CI's build of the seed site) does not fail
# on it; Python prints it to stderr all the same.
address_log = logging.getLogger("factcheck.site_url")
# The theme's additions: link-preview tags and the feed link in every page's head, the
# desk in every footer (`theme/`).
THEME_DIR = Path(__file__).parent / "theme"


class FactcheckPlugin(BasePlugin):  # type: ignore[no-untyped-call,type-arg]
    """Having `on_startup`, the plugin is one instance per process: MkDocs keeps it across
    the rebuilds of `serve`, and across builds."""

    config_class = FactcheckConfig  # made from the core's declaration of the options

    def __init__(self) -> None:
        self.preview: Preview | None = None
        # What `factcheck serve` and `build` hand the next run: the preview whose steps
        # their check used, and that check's result (reported already), each used once.
        self.handoff: Preview | None = None
        self.prechecked: CheckResult | None = None
        self.pages = PlannedPages(dirty=False)
        self.census: Census | None = None
        self.failing = False  # the check failed before the preview had a good site
        self.serving = False
        # `--build-future` of `factcheck build` or `serve`: overrides the `build_future`
        # option for every check this plugin runs (None: the option decides).
        self.build_future: bool | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        serving = command == "serve"
        self.serving = serving
        self.preview = (self.handoff or Preview()) if serving else None
        self.handoff = None
        self.pages = PlannedPages(dirty=serving and dirty)

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
        self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        # Share cards are kept between builds, under the project, by what they show.
        self.cards = FileCache(self.root / CARDS)
        result, self.prechecked = self.prechecked, None
        if self.preview is not None:
            self.preview.rebuilding()
        if result is None and not self.serving:
            # `factcheck build` said it already; `serve` is the local preview.
            warning = local_address_warning(config.site_url)
            if warning:
                address_log.warning("factcheck: warning: %s", warning)
        if result is None:
            steps = self.preview.steps() if self.preview else CheckSteps()
            result = run_check(self.root, config.config_file_path, steps=steps,
                               build_future=self.build_future)
            for d in result.diagnostics:
                # A note (a fact check scheduled for a later day) is news, not a warning
                # that `mkdocs build --strict` would fail on.
                {"error": log.error, "warning": log.warning}.get(d.severity.value, log.info)(
                    d.format_text())
        self.result = result
        self.failing = False
        if not result.ok:
            if self.preview is None:
                raise PluginError("factcheck: the sources and claims have errors (listed "
                                  "above); run `factcheck check` for the full report")
            status = self.preview.status
            status.failed(problems_of(result.diagnostics))
            if status.state().has_site:
                # Stop before anything is written: the server keeps the last good site
                # and shows the errors on it (`generator/preview/overlay.py`).
                raise PluginError("factcheck: the sources and claims have errors (listed "
                                  "above); the preview shows the last good site with the "
                                  "errors on every page until they are fixed")
            # No good site yet: build nothing, and the server answers every page with
            # the list of errors.
            log.error("factcheck: the sources and claims have errors (listed above); the "
                      "preview shows them instead of the site until they are fixed")
            self.failing = True
            config.nav = None
            return config
        self.site = self._plan(result, Path(config.docs_dir))
        self.newest = self.site.newest
        toc = config.mdx_configs.get("toc")
        if isinstance(toc, dict) and toc.get("permalink") and "permalink_title" not in toc:
            # The hand-written pages' heading links say what they are in the site's
            # language, as the generated pages' do (Markdown's default is English).
            toc["permalink_title"] = i18n.gettext("Permanent link")
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            # After a desk's own `custom_dir`, before the theme's templates.
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        for target, names in ((config.extra_css, STYLESHEETS),
                              (config.extra_javascript, SCRIPTS)):
            for name in names:
                if name not in [str(x) for x in target]:
                    target.append(name)
        return config

    def _plan(self, result: CheckResult, docs_dir: Path) -> PlannedSite:
        claims_dir = result.settings.claims_dir
        if self.preview is None:
            return generate_site(result.site_corpus, docs_dir,
                                 read_history(self.root, claims_dir))
        return generate_site(result.site_corpus, docs_dir,
                             self.preview.history(self.root, claims_dir), self.preview.plans)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.failing:
            return Files([])
        docs = Path(config.docs_dir).resolve()
        data = [(self.root / folder).resolve() for folder in (
            self.result.settings.claims_dir, self.result.settings.people_dir)]
        prefixes = tuple(d.relative_to(docs).as_posix() + "/" for d in data
                         if d.is_relative_to(docs))
        for f in list(files):
            # Claim files and the registry's entries are data; their pages are generated.
            if f.src_uri.endswith(".md") and any(
                    f.src_uri.startswith(p) and "/" not in f.src_uri[len(p):]
                    for p in prefixes):
                files.remove(f)
        for path, content in self.site.files.items():
            replace(files, self.pages.lazy_file(config, path, content, self.cards)
                    if isinstance(content, LazyFile)
                    else File.generated(config, path, content=content))
        self.pages.forget_files(self.site.files)
        self.pages.add(files, self.site.pages, config, self.newest)
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files
               ) -> jinja2.Environment:
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        settings = self.result.settings
        # The theme's own words come from the site's catalogue, as the pages' do.
        i18n.activate(settings.language)
        env.globals["factcheck_desk"] = desk_facts(settings)
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=i18n.gettext, ngettext=i18n.ngettext, pgettext=i18n.pgettext,
            newstyle=True)
        env.globals["factcheck_feed_title"] = i18n.gettext(
            "%(site)s: new and updated fact checks") % {"site": settings.site_name}
        env.globals["factcheck_search_words"] = search_words()
        about = files.get_file_from_path("about.md")
        env.globals["factcheck_about"] = about.url if about is not None else None
        return env

    def on_pre_page(self, page: Any, config: MkDocsConfig, files: Files) -> Any:
        if not isinstance(page, PlannedMkDocsPage):
            page.update_date = sitemap_day(self.newest)  # never the build machine's clock
        return page

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if isinstance(page, PlannedMkDocsPage):
            page.content = page.planned.body()
        return context

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        if isinstance(page, PlannedMkDocsPage):
            page.content = ""  # written: let it go
            self.pages.was_written(page)
        return add_csp(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return add_csp(output) if template_name.endswith(".html") else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            self._post_build(Path(config.site_dir))
        finally:
            if self.preview is not None:
                self.preview.finished()

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.finished()

    def _post_build(self, site_dir: Path) -> None:
        if self.failing:
            return
        if self.preview is not None and self.preview.builds:
            # A preview rebuild: the check ran above; the search index catches up behind.
            self.preview.built()
            self.preview.status.succeeded()
            self.preview.indexer.index(site_dir, self.result.settings.language)
            return
        census = self.census = take_census(self.result.site_corpus, site_dir)
        if not census.ok:
            raise PluginError("factcheck: the built site lost content:\n  "
                              + "\n  ".join(census.problems))
        log.info(census.summary())
        try:
            index_site(site_dir, self.result.settings.language)
        except SearchIndexError as exc:
            raise PluginError(f"factcheck: {exc}") from exc
        if self.preview is not None:
            self.preview.built()
            self.preview.status.succeeded()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        settings = self.result.settings
        docs = Path(config.docs_dir).resolve()
        # The sources, and the registry where it lies outside the docs folder.
        data = [str(p) for p in (self.root / settings.sources_dir,
                                 self.root / settings.people_dir)
                if p.is_dir() and not p.resolve().is_relative_to(docs)]
        for folder in data:
            server.watch(folder)
        use_file_events(server, [config.docs_dir, config.config_file_path, *data])
        if self.preview is not None:
            # A failed rebuild must not leave the server holding every request (MkDocs
            # waits for a build that succeeds): the build's errors go to the pages.
            show_errors_on_pages(server, self.preview.status, self.root,
                                 config.config_file_path)
        return server
