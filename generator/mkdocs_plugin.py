"""The MkDocs adapter: run the core, hand its pages to MkDocs, watch the sources.

Everything essential happens in the core (`check`, `site.pages`); this file only
moves files between the core and MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from .census import take_census
from .check import CheckResult, run_check
from .site.csp import add_csp
from .site.pages import SCRIPTS, STYLESHEETS, generate_site
from .site.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.factcheck")

# `factcheck build` checks before calling MkDocs and leaves its result here, so the
# work is not done twice.
PRECHECKED: dict[Path, CheckResult] = {}


class FactcheckPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def load_config(self, options: dict[str, Any], config_file_path: str | None = None
                    ) -> tuple[list[Any], list[Any]]:
        # The core validates these options itself, from mkdocs.yml, with line numbers.
        self.options = dict(options)
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        result = PRECHECKED.pop(self.root, None)
        if result is None:  # not yet reported by `factcheck build`
            result = run_check(self.root)
            for d in result.diagnostics:
                (log.error if d.severity.value == "error" else log.warning)(d.format_text())
        if not result.ok:
            raise PluginError("factcheck: the sources and claims have errors (listed above); "
                              "run `factcheck check` for the full report")
        self.settings = result.settings
        self.corpus = result.corpus
        self.newest = max(((c.updated or c.published).first_day
                           for c in self.corpus.claims.values()), default="1970-01-01")
        site = generate_site(result.corpus, Path(config.docs_dir))
        self.generated = site.files
        self.prerendered = site.prerendered
        for target, names in ((config.extra_css, STYLESHEETS),
                              (config.extra_javascript, SCRIPTS)):
            for name in names:
                if name not in [str(x) for x in target]:
                    target.append(name)
        return config

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
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_pre_page(self, page: Any, config: MkDocsConfig, files: Files) -> Any:
        # Dates in the sitemap (and its gzip header) come from the content, never from
        # the build machine's clock, so two builds of the same inputs are identical.
        slug = page.file.src_uri.removeprefix("claims/").removesuffix("/index.md")
        claim = self.corpus.claims.get(slug) if page.file.src_uri.startswith("claims/") else None
        page.update_date = (claim.updated or claim.published).first_day if claim else (
            self.newest)
        return page

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Files
                         ) -> str:
        # Generated pages are HTML already: Markdown would only pass it through, slowly.
        return "" if page.file.src_uri in self.prerendered else markdown

    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Files
                        ) -> str:
        done = self.prerendered.get(page.file.src_uri)
        if done is None:
            return html
        page.toc = get_toc([{"level": 2, "id": i, "name": t, "children": []}
                            for i, t in done.toc])
        return done.html

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        return add_csp(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return add_csp(output) if template_name.endswith(".html") else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        census = self.census = take_census(self.corpus, Path(config.site_dir))
        if not census.ok:
            raise PluginError("factcheck: the built site lost content:\n  "
                              + "\n  ".join(census.problems))
        log.info(census.summary())
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(f"factcheck: {exc}") from exc

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
                 ) -> LiveReloadServer:
        server.watch(str(self.root / self.settings.sources_dir))
        return server
