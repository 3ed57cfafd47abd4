"""The core's planned pages as MkDocs files and pages.

Planned pages skip MkDocs' Markdown step: each is rendered when MkDocs writes it and let
go right after, so memory does not grow with the site. Under a dirty build (what
`factcheck serve` runs) a page is written again only when its key, a digest of what it
shows, changed since it was last written. Files made on demand (share cards) are copied
from the folder that keeps them under their key, and under a dirty build copied again
only when their key changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.mkdocs_adapter.filecache import FileCache
from generator.site.pages import LazyFile, PlannedPage
from generator.site.render import theme_text

# What MkDocs' File and Page objects take from the config.
PAGE_SETTINGS = ("site_dir", "site_url", "use_directory_urls", "repo_url", "edit_uri",
                 "edit_uri_template", "nav")
# MkDocs stamps sitemap.xml.gz with its newest page date, and a gzip stamp ends in February
# 2106: a page dated later (a fact check built ahead with `--build-future`) gives MkDocs
# that day rather than a failed build.
LAST_STAMPED_DAY = "2106-02-06"


def sitemap_day(day: str) -> str:
    """A page's date as MkDocs may take it: the day itself, up to `LAST_STAMPED_DAY`."""
    return min(day, LAST_STAMPED_DAY)


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
    """A planned page's file, or a file made on demand. Under a dirty build MkDocs
    rebuilds or copies a file when it says it is modified: it says so when its key
    changed."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class PlannedMkDocsPage(Page):
    """MkDocs' page of a planned page: MkDocs gets its title, description and table of
    contents, and its HTML only when it writes the page (`write`)."""

    def __init__(self, planned: PlannedPage, file: File, config: MkDocsConfig, date: str,
                 nav_title: str | None = None) -> None:
        # The nav names a page by its nav title, the page's head by its own (`meta.title`).
        super().__init__(nav_title or theme_text(planned.title), file, config)
        self.planned = planned
        # Dates in the sitemap come from the content, never from the build machine's clock.
        self.update_date = sitemap_day(planned.date or date)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        # As front-matter would: themes print `meta.title` as it is, `title` unescaped.
        self.meta = {"title": theme_text(self.planned.title)}
        if self.planned.title_lang:  # a title in another language: its `lang` (theme/)
            self.meta["title_lang"] = self.planned.title_lang
        if self.planned.description:
            self.meta["description"] = theme_text(self.planned.description)
        # For link previews (`theme/main.html`): what kind of page, and an article's dates.
        self.meta["og_type"] = self.planned.kind
        if self.planned.published:
            self.meta["published_time"] = self.planned.published
        if self.planned.modified:
            self.meta["modified_time"] = self.planned.modified
        image = self.planned.image
        if image:  # the share card: `og:image` and its size and words
            self.meta["image"] = image.path
            self.meta["image_alt"] = theme_text(image.alt)
            self.meta["image_width"] = image.width
            self.meta["image_height"] = image.height

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([{"level": 2, "id": i, "name": t, "children": []}
                            for i, t in self.planned.toc])


def replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


class PlannedPages:
    """The planned pages' files for one build, and under dirty builds what was made and
    written before: each page's file (with the key and settings it was made for) and the
    key it was last written with."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self.made: dict[str, tuple[str, str, PlannedFile]] = {}
        self.written: dict[str, str] = {}
        # Under dirty builds, each file made on demand: its key and the file copied.
        self.copied: dict[str, tuple[str, PlannedFile]] = {}

    def lazy_file(self, config: MkDocsConfig, path: str, lazy: LazyFile,
                  cache: FileCache | None) -> File:
        """A file made on demand: copied from the cache, made and kept there first if it
        is not; made now if it cannot be kept. Under a dirty build a file whose key is
        unchanged is neither looked up nor copied again."""
        if self.dirty:
            copied = self.copied.get(path)
            if (copied is not None and copied[0] == lazy.key
                    and copied[1].dest_dir == config.site_dir):
                copied[1].modified = False
                return copied[1]
        kept = cache.path(lazy.key, lazy.make) if cache is not None else None
        if kept is None:
            return File.generated(config, path, content=lazy.make())
        file = cast(PlannedFile, PlannedFile.generated(config, path, abs_src_path=str(kept)))
        if self.dirty:
            self.copied[path] = (lazy.key, file)
        return file

    def forget_files(self, paths: Iterable[str]) -> None:
        """Delete the copied files no longer planned (a claim deleted or renamed)."""
        keep = set(paths)
        for path in [p for p in self.copied if p not in keep]:
            Path(self.copied.pop(path)[1].abs_dest_path).unlink(missing_ok=True)

    def add(self, files: Files, pages: dict[str, PlannedPage], config: MkDocsConfig,
            newest: str) -> None:
        config_key = repr([config.get(k) for k in PAGE_SETTINGS])
        titles = nav_titles(config.nav)
        for planned in pages.values():
            replace(files, self._file(planned, config, config_key, newest, titles))
        self._forget_gone(pages)

    def _file(self, planned: PlannedPage, config: MkDocsConfig, config_key: str, newest: str,
              titles: dict[str, str]) -> PlannedFile:
        if not self.dirty:
            return self._new(planned, config, newest, titles)
        # Reuse the file and page objects of a page whose key and settings are unchanged.
        made = self.made.get(planned.path)
        if made is not None and made[:2] == (planned.key, config_key):
            file = made[2]
            page = file.page
            assert isinstance(page, PlannedMkDocsPage)
            page.planned, page.update_date = planned, sitemap_day(planned.date or newest)
        else:
            file = self._new(planned, config, newest, titles)
            self.made[planned.path] = (planned.key, config_key, file)
        file.modified = self.written.get(planned.path) != planned.key
        return file

    @staticmethod
    def _new(planned: PlannedPage, config: MkDocsConfig, newest: str, titles: dict[str, str]
             ) -> PlannedFile:
        file = cast(PlannedFile, PlannedFile.generated(config, planned.path, content=planned.key))
        PlannedMkDocsPage(planned, file, config, newest, titles.get(planned.path))
        return file

    def _forget_gone(self, pages: dict[str, PlannedPage]) -> None:
        """Delete the written pages no longer planned (a claim deleted or renamed, a listing
        page fewer), so the preview shows no page the build would not."""
        for path in [p for p in self.made if p not in pages]:
            Path(self.made.pop(path)[2].abs_dest_path).unlink(missing_ok=True)
            self.written.pop(path, None)

    def was_written(self, page: PlannedMkDocsPage) -> None:
        if self.dirty:
            self.written[page.file.src_uri] = page.planned.key
