"""A Content-Security-Policy <meta> that the site's own scripts satisfy, and nothing else.

Only the theme's inline scripts outside the page content are allowed, by hash: were
contributor text ever to smuggle a script into an article, it would not be on the list.
"""

from __future__ import annotations

import base64
import hashlib
import re

_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL | re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def _inline_script_hashes(html: str) -> list[str]:
    chrome = _ARTICLE.sub("", html)
    hashes = set()
    for attrs, body in _SCRIPT.findall(chrome):
        if "src=" in attrs.lower():
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE:
            continue
        sha256 = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(sha256).decode()}'")
    return sorted(hashes)


def policy(html: str) -> str:
    # WebAssembly (Pagefind's search) needs 'wasm-unsafe-eval'; it allows no JS eval.
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *_inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[: charset.end()] + "\n    " + meta + html[charset.end():]
    return html.replace("<head>", "<head>\n    " + meta, 1)
