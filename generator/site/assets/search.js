// Site search with Pagefind, in the theme's header: a button, `/` or Ctrl+K, a dialog
// with verdict, topic and source filters. Results come from Pagefind's index, loaded
// only when the reader first searches. No inline handlers; excerpts are rebuilt from
// text nodes and <mark> only.
//
// What one query downloads is kept small: Pagefind runs on the page (no second copy of
// its code for a web worker); a query is sent once the reader pauses typing, so the index
// chunks of every prefix typed on the way are not fetched, and a pause after one or two
// letters of a word must be longer, since such a prefix matches most words of its letter
// and costs a chunk and five results that the next key makes useless; the filters' values
// and counts (their index is as large as the site) load only when the reader opens the
// filters; and results are fetched a page at a time.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var FILTERS = ["verdict", "claim_kind", "topic", "source"];
  // The dialog's words: English here; a site in another language puts its own on the page
  // (a JSON block, #fc-search-words, from the site's catalogue), with a count's words for
  // each plural category of its language.
  var WORDS = {
    open: "Search (press /)", open_title: "Search (/)", placeholder: "Search claims and sources",
    input: "Search", close: "Close search", dialog: "Search fact checks and sources",
    filters: "Filters", filters_active: "Filters (%(count)s)",
    filter_verdict: "Verdict", filter_claim_kind: "Kind of claim", filter_topic: "Topic",
    filter_source: "Source", any_verdict: "Any verdict", any_claim_kind: "Any kind of claim",
    any_topic: "Any topic", any_source: "Any source",
    prompt: "Type to search claims and sources", unavailable: "Search is unavailable",
    filters_unavailable: "Filters are unavailable", no_results: "No results",
    results: { one: "%(count)s result", other: "%(count)s results" },
    showing: ", showing %(count)s", more: "More results", claimant: "Claimant",
    topics: "Topics", passage: "Passage %(id)s"
  };
  var PAGE = 5;  // results fetched and shown at a time
  var PAUSE = 250;  // ms without typing before a query is sent
  // ... and when its last word has fewer than SHORT letters ("a", "ce"): a reader who stops
  // there means it ("EU"); one who types on never fetches it. Scripts written without
  // spaces (Chinese, Japanese, Korean) have words of one or two letters: no longer pause.
  var SHORT = 3, SHORT_PAUSE = 1000;
  var UNSPACED = /[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
  var pagefind = null;
  var filtersLoaded = null;
  var dialog, input, status, list, more, panel, selects = {};
  var timer = null, sequence = 0, current = null;
  var opener = null;  // what had the focus before the dialog opened: it gets it back

  function loadWords() {
    var block = document.getElementById("fc-search-words");
    if (!block) return;
    try {
      var own = JSON.parse(block.textContent);
      Object.keys(own).forEach(function (k) { WORDS[k] = own[k]; });
    } catch (e) { /* the script's own words */ }
  }

  // A word with its values: "Filters (%(count)s)" with { count: 2 } is "Filters (2)".
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function counted(forms, n) {
    var category = "other";
    try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { /* other */ }
    return fill(forms[category] || forms.other || forms.many || "%(count)s", { count: n });
  }

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

  // Pagefind's script, WebAssembly and metadata, once.
  function load() {
    if (!pagefind) {
      var root = siteRoot();
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async function (api) {
        await api.options({ baseUrl: root.pathname, noWorker: true });
        await api.init();
        return api;
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  // The filters' values, with how many pages have each: fetched when the panel opens.
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function (api) { return api.filters(); }).then(function (filters) {
        FILTERS.forEach(function (f) {
          var values = Object.keys(filters[f] || {}).sort(function (a, b) {
            return a.localeCompare(b);
          });
          values.forEach(function (v) {
            selects[f].appendChild(el("option", { value: v }, [v + " (" + filters[f][v] + ")"]));
          });
        });
        panel.classList.add("fc-search-filters-loaded");
      });
      filtersLoaded.catch(function () {
        filtersLoaded = null;
        status.textContent = WORDS.filters_unavailable;
      });
    }
    return filtersLoaded;
  }

  function chosenFilters() {
    var chosen = {};
    FILTERS.forEach(function (f) {
      if (selects[f].value) chosen[f] = selects[f].value;
    });
    return chosen;
  }

  function result(data) {
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
    var item = el("li", { "class": "fc-search-result" }, [head]);
    // Who made the claim and its topics are metadata, shown as such, not in the excerpt.
    var facts = [];
    if (data.meta.claimant) facts.push(WORDS.claimant + ": " + data.meta.claimant);
    if (data.meta.topics) facts.push(WORDS.topics + ": " + data.meta.topics);
    if (facts.length) item.appendChild(el("p", { "class": "fc-search-meta" }, [facts.join(" · ")]));
    item.appendChild(excerpt(data.excerpt));
    var subs = (data.sub_results || []).filter(function (s) { return /#p\d+/.test(s.url); });
    if (subs.length) {
      var sublist = el("ul", { "class": "fc-search-subs" });
      subs.slice(0, 3).forEach(function (s) {
        sublist.appendChild(el("li", {}, [
          el("a", { href: s.url }, [fill(WORDS.passage, { id: (s.url.match(/#(p\d+)/) || ["", ""])[1] })]),
          excerpt(s.excerpt)]));
      });
      item.appendChild(sublist);
    }
    return item;
  }

  function showStatus(state) {
    var total = state.results.length;
    status.textContent = total === 0 ? WORDS.no_results :
      counted(WORDS.results, total) +
      (total > state.shown ? fill(WORDS.showing, { count: state.shown }) : "");
    more.hidden = state.shown >= total;
  }

  // The next page of results: only their fragments are fetched.
  async function showMore(state) {
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    var items = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (state !== current) return;
    items.forEach(function (data) { list.appendChild(result(data)); });
    state.shown += batch.length;
    showStatus(state);
  }

  async function run() {
    clearTimeout(timer);
    timer = null;
    var mine = ++sequence;
    var api = await load();
    var term = input.value.trim();
    var filters = chosenFilters();
    if (!term && !Object.keys(filters).length) {
      if (mine !== sequence) return;
      current = null;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = WORDS.prompt;
      return;
    }
    var search = await api.search(term || null, { filters: filters });
    if (mine !== sequence) return;  // a newer query superseded this one
    current = { results: search.results, shown: 0 };
    list.replaceChildren();
    await showMore(current);
  }

  // How long typing must pause before the query in the field is sent.
  function pause(query) {
    var last = query.split(/\s/).pop();
    var letters = Array.from(last).length;
    return letters > 0 && letters < SHORT && !UNSPACED.test(last) ? SHORT_PAUSE : PAUSE;
  }

  // Typing: wait for a pause, so that only the query the reader meant is fetched.
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      timer = null;
      run().catch(function () { status.textContent = WORDS.unavailable; });
    }, pause(input.value));
  }

  // Closing gives the focus back at once: the "close" event comes a task later, and a key
  // pressed before it (a `/` to search again) would still count as typing in the field.
  function shut() {
    dialog.close();
    giveFocusBack();
  }

  function giveFocusBack() {
    var back = opener;
    opener = null;
    if (back && back.isConnected) {
      back.focus();
    } else if (dialog.contains(document.activeElement)) {
      document.activeElement.blur();  // opened from the page (`/`): the focus leaves the field
    }
  }

  function open(from) {
    if (!dialog.open) {
      var active = document.activeElement;
      opener = from || (active && active !== document.body ? active : null);
      dialog.showModal();
    }
    input.focus();
    input.select();
    load().catch(function () { status.textContent = WORDS.unavailable; });
  }

  function build() {
    loadWords();
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var button = el("button", { type: "button", "class": "md-header__button md-icon fc-search-button",
                                "aria-label": WORDS.open, title: WORDS.open_title });
    button.appendChild(icon());
    header.appendChild(button);

    input = el("input", { type: "search", "class": "fc-search-input", autocomplete: "off",
                          placeholder: WORDS.placeholder, "aria-label": WORDS.input });
    var close = el("button", { type: "button", "class": "fc-search-close",
                               "aria-label": WORDS.close }, ["×"]);
    var fields = el("div", { "class": "fc-search-filter-fields" });
    var summary = el("summary", {}, [WORDS.filters]);
    FILTERS.forEach(function (f) {
      var select = el("select", { name: f, "class": "fc-search-filter" },
                      [el("option", { value: "" }, [WORDS["any_" + f]])]);
      selects[f] = select;
      fields.appendChild(el("label", {}, [WORDS["filter_" + f] + " ", select]));
      select.addEventListener("change", function () {
        var active = Object.keys(chosenFilters()).length;
        summary.textContent = active ? fill(WORDS.filters_active, { count: active }) : WORDS.filters;
        run().catch(function () { status.textContent = WORDS.unavailable; });
      });
    });
    panel = el("details", { "class": "fc-search-filters" }, [summary, fields]);
    panel.addEventListener("toggle", function () { if (panel.open) loadFilters(); });
    status = el("p", { "class": "fc-search-status", "aria-live": "polite" },
                [WORDS.prompt]);
    list = el("ol", { "class": "fc-search-results" });
    more = el("button", { type: "button", "class": "fc-search-more" }, [WORDS.more]);
    more.hidden = true;
    more.addEventListener("click", function () {
      if (current) showMore(current).catch(function () { status.textContent = WORDS.unavailable; });
    });
    dialog = el("dialog", { "class": "fc-search", "aria-label": WORDS.dialog },
                [el("div", { "class": "fc-search-bar", role: "search" }, [input, close]), panel,
                 status, list, more]);
    document.body.appendChild(dialog);

    button.addEventListener("click", function () { open(button); });
    close.addEventListener("click", shut);
    // One Escape closes the search. In a search field the browser's first Escape would only
    // clear the query and keep the dialog open; the query is kept for the next search.
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !e.isComposing) {
        e.preventDefault();
        shut();
      }
    });
    dialog.addEventListener("close", giveFocusBack);
    input.addEventListener("input", schedule);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var go = function () {
          var first = list.querySelector("a");
          if (first) window.location.href = first.href;
        };
        if (timer !== null) {
          timer = null;
          run().then(go, function () { status.textContent = WORDS.unavailable; });
        } else {
          go();
        }
      }
    });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) shut(); });
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
