"""The shape of the package: stages in folders, imports that run one way, MkDocs in one folder.

The README's Architecture section states these rules; this file holds the code to them by
reading every module's imports (those under `if TYPE_CHECKING:` and inside functions too).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from generator.content.settings import SETTINGS_FIELDS

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# What each part of the package may import from the others. A part is a top-level module
# or a folder; the base modules import nothing of the package but one another.
BASE = {"diagnostics", "limits", "model", "digest", "clock", "i18n"}
MAY_IMPORT: dict[str, set[str]] = {
    "base": set(),
    "content": {"base"},
    "anchoring": {"base", "content"},
    "history": {"base", "content", "anchoring"},
    "review": {"base", "content", "anchoring"},
    "check": {"base", "content", "anchoring", "history", "review"},
    "site": {"base", "content", "anchoring", "history", "review"},
    "search": {"base", "content", "anchoring", "site"},
    "preview": {"base", "content", "anchoring", "history", "review", "check", "site",
                "search"},
    "capture": {"base", "content"},
    "commands": {"base", "content", "anchoring", "history", "review", "check", "search",
                 "capture", "mkdocs_adapter"},
    "mkdocs_adapter": {"base", "content", "anchoring", "history", "review", "check", "site",
                       "search", "preview"},
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its file."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    out.add(f"{base}.{alias.name}")
                elif base in known:
                    out.add(base)
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def part(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    return "base" if parts[1] in BASE else parts[1]


def external_imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_no_module_imports_itself_back_through_others() -> None:
    edges = graph()
    seen: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if seen.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in seen:
                visit(nxt)
        path.pop()
        seen[node] = 2

    for node in sorted(edges):
        if node not in seen:
            visit(node)


def test_each_part_imports_only_the_parts_before_it() -> None:
    wrong = []
    for module, targets in graph().items():
        here = part(module)
        if here == "package":
            continue
        for target in targets:
            there = part(target)
            if there not in (here, "package") and there not in MAY_IMPORT[here]:
                wrong.append(f"{module} imports {target} ({here} may import "
                             f"{', '.join(sorted(MAY_IMPORT[here])) or 'nothing'})")
    assert not wrong, "\n".join(wrong)


def test_the_tree_shows_the_stages() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(MAY_IMPORT) - {"base", "check"} == folders


def test_only_the_mkdocs_adapter_names_mkdocs_or_material() -> None:
    for name, path in modules().items():
        if name.startswith("generator.mkdocs_adapter"):
            continue
        assert not external_imports(path) & {"mkdocs", "material"}, name


def test_every_module_but_the_adapter_imports_without_mkdocs() -> None:
    """In a fresh interpreter where importing MkDocs or Material fails."""
    names = [n for n in modules() if not n.startswith("generator.mkdocs_adapter")]
    script = textwrap.dedent(f"""
        import importlib, importlib.abc, sys

        class Blocked(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("mkdocs", "material"):
                    raise ImportError(f"{{name}} is blocked")
                return None

        sys.meta_path.insert(0, Blocked())
        for name in {names!r}:
            importlib.import_module(name)
        assert not [m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material")]
        print("imported", len({names!r}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert f"imported {len(names)}" in result.stdout


def test_every_imported_distribution_is_declared() -> None:
    import tomllib
    from importlib.metadata import packages_distributions

    declared = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["project"][
        "dependencies"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("_", "-")
             for d in declared}
    owners = packages_distributions()
    missing = set()
    for path in modules().values():
        for top in external_imports(path):
            if top in sys.stdlib_module_names or top == "generator":
                continue
            dists = {d.lower().replace("_", "-") for d in owners.get(top, [top])}
            if not dists & names:
                missing.add(f"{top} ({', '.join(sorted(dists))})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_every_page_kind_is_a_module_listed_once_in_kinds() -> None:
    """A page kind is a module of `site/pages/` with a `plan` function, and a line in
    `KINDS`: a module nobody lists would plan no page, and no build would say so."""
    from generator.site.pages import KINDS

    shared = {"__init__", "planner", "site"}  # what the kinds share, and what runs them
    kinds = sorted(p.stem for p in (PACKAGE / "site" / "pages").glob("*.py")
                   if p.stem not in shared)
    listed = [plan.__module__.removeprefix("generator.site.pages.") for plan in KINDS]
    assert all(plan.__name__ == "plan" for plan in KINDS)
    assert sorted(listed) == kinds, f"listed in KINDS: {listed}; modules: {kinds}"


def test_the_plugin_options_are_the_settings_the_core_declares() -> None:
    """One declaration: the MkDocs config class holds the core's names and descriptions."""
    source = (PACKAGE / "mkdocs_adapter" / "config.py").read_text(encoding="utf-8")
    cls = next(n for n in ast.parse(source).body
               if isinstance(n, ast.ClassDef) and n.name == "FactcheckConfig")
    documented = {}
    for first, second in zip(cls.body, cls.body[1:], strict=False):
        if (isinstance(first, ast.Assign) and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)):
            name = first.targets[0]
            assert isinstance(name, ast.Name)
            documented[name.id] = second.value.value
    assert documented == {f.name: f.description for f in SETTINGS_FIELDS}
