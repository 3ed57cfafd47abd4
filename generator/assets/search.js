// Site search with Pagefind, in the theme's header: a button, `/` or Ctrl+K, a dialog
// with verdict, topic and source filters. Results come from Pagefind's index, loaded
// only when the reader first searches. No inline handlers; excerpts are rebuilt from
// text nodes and <mark> only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var FILTERS = [["verdict", "Verdict"], ["topic", "Topic"], ["source", "Source"]];
  var pagefind = null;
  var dialog, input, status, list, selects = {};

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function icon() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var circle = document.createElementNS(SVG, "circle");
    [["cx", "10"], ["cy", "10"], ["r", "6"], ["fill", "none"], ["stroke", "currentColor"],
     ["stroke-width", "2"]].forEach(function (a) { circle.setAttribute(a[0], a[1]); });
    var line = document.createElementNS(SVG, "path");
    [["d", "M14.5 14.5 20 20"], ["stroke", "currentColor"], ["stroke-width", "2.4"],
     ["stroke-linecap", "round"]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
    svg.appendChild(circle);
    svg.appendChild(line);
    return svg;
  }

  // Pagefind's excerpts are HTML; keep their text and <mark>s, nothing else.
  function excerpt(html) {
    var out = el("p", { "class": "fc-search-excerpt" });
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    (function walk(node, into) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) {
          into.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeType === 1 && child.nodeName === "MARK") {
          into.appendChild(el("mark", {}, [child.textContent]));
        } else if (child.nodeType === 1) {
          walk(child, into);
        }
      });
    })(doc.body.firstChild, out);
    return out;
  }

  async function load() {
    if (!pagefind) {
      var root = siteRoot();
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname });
      await pagefind.init();
      var filters = await pagefind.filters();
      FILTERS.forEach(function (f) {
        var values = Object.keys(filters[f[0]] || {}).sort(function (a, b) {
          return a.localeCompare(b);
        });
        values.forEach(function (v) {
          selects[f[0]].appendChild(el("option", { value: v }, [v + " (" + filters[f[0]][v] + ")"]));
        });
      });
    }
    return pagefind;
  }

  function chosenFilters() {
    var chosen = {};
    FILTERS.forEach(function (f) {
      if (selects[f[0]].value) chosen[f[0]] = selects[f[0]].value;
    });
    return chosen;
  }

  function render(items, total) {
    list.replaceChildren();
    status.textContent = total === 0 ? "No results" :
      total + (total === 1 ? " result" : " results") + (total > items.length ? ", showing " + items.length : "");
    items.forEach(function (data) {
      var head = el("a", { href: data.url, "class": "fc-search-link" });
      if (data.meta.verdict) {
        head.appendChild(el("span", { "class": "fc-badge fc-verdict-" + (data.meta.verdict_key || "") },
                            [data.meta.verdict]));
        head.appendChild(document.createTextNode(" "));
      } else if (data.meta.kind) {
        head.appendChild(el("span", { "class": "fc-search-kind" }, [data.meta.kind]));
        head.appendChild(document.createTextNode(" "));
      }
      head.appendChild(el("span", { "class": "fc-search-title" }, [data.meta.title || data.url]));
      var item = el("li", { "class": "fc-search-result" }, [head, excerpt(data.excerpt)]);
      var subs = (data.sub_results || []).filter(function (s) { return /#p\d+/.test(s.url); });
      if (subs.length) {
        var sublist = el("ul", { "class": "fc-search-subs" });
        subs.slice(0, 3).forEach(function (s) {
          sublist.appendChild(el("li", {}, [
            el("a", { href: s.url }, ["Passage " + (s.url.match(/#(p\d+)/) || ["", ""])[1]]),
            excerpt(s.excerpt)]));
        });
        item.appendChild(sublist);
      }
      list.appendChild(item);
    });
  }

  async function run() {
    var api = await load();
    var term = input.value.trim();
    var filters = chosenFilters();
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "Type to search claims and sources";
      return;
    }
    var search = await api.debouncedSearch(term || null, { filters: filters }, 150);
    if (search === null) return;  // a newer query superseded this one
    var shown = search.results.slice(0, 10);
    var items = await Promise.all(shown.map(function (r) { return r.data(); }));
    render(items, search.results.length);
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().catch(function () { status.textContent = "Search is unavailable"; });
  }

  function build() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var button = el("button", { type: "button", "class": "md-header__button md-icon fc-search-button",
                                "aria-label": "Search (press /)", title: "Search (/)" });
    button.appendChild(icon());
    header.appendChild(button);

    input = el("input", { type: "search", "class": "fc-search-input", autocomplete: "off",
                          placeholder: "Search claims and sources", "aria-label": "Search" });
    var close = el("button", { type: "button", "class": "fc-search-close",
                               "aria-label": "Close search" }, ["×"]);
    var filters = el("div", { "class": "fc-search-filters" });
    FILTERS.forEach(function (f) {
      var select = el("select", { name: f[0], "class": "fc-search-filter" },
                      [el("option", { value: "" }, ["Any " + f[1].toLowerCase()])]);
      selects[f[0]] = select;
      filters.appendChild(el("label", {}, [f[1] + " ", select]));
      select.addEventListener("change", run);
    });
    status = el("p", { "class": "fc-search-status", "aria-live": "polite" },
                ["Type to search claims and sources"]);
    list = el("ol", { "class": "fc-search-results" });
    dialog = el("dialog", { "class": "fc-search", "aria-label": "Search fact checks and sources" },
                [el("div", { "class": "fc-search-bar", role: "search" }, [input, close]), filters,
                 status, list]);
    document.body.appendChild(dialog);

    button.addEventListener("click", open);
    close.addEventListener("click", function () { dialog.close(); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      }
    });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if ((e.key === "/" && !typing) || (e.key === "k" && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        open();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
