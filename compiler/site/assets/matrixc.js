/* matrixc reference pages: scenario switch, verdict filter, reading/grid view, copy-a-row-link.
 * Progressive enhancement only: without this script every row, column and verdict is shown.
 * Plain ES5-style JavaScript, no dependencies, nothing loaded from elsewhere.
 * The filter state lives in the URL (?scenario=<id>&verdict=n&differ=1&view=grid), so a
 * filtered view can be shared; the chosen scenario is also remembered per matrix. */
(function () {
  "use strict";

  var PARAMS = ["scenario", "verdict", "differ", "view"];
  var pendingRow = null;

  function store(key, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem(key); }
      window.localStorage.setItem(key, value);
    } catch (e) { /* storage disabled: the switch still works, it is just not remembered */ }
    return null;
  }

  function query() {
    var out = Object.create(null);  /* ?__proto__=… is a parameter, no prototype */
    window.location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) { return; }
      var at = pair.indexOf("=");
      var name = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
      out[name] = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
    });
    return out;
  }

  function writeQuery(values) {
    /* Keep parameters this script does not own; drop ?row= (it has become the #hash). */
    var q = query();
    var parts = [];
    Object.keys(q).forEach(function (k) {
      if (PARAMS.indexOf(k) < 0 && k !== "row") {
        parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(q[k]));
      }
    });
    PARAMS.forEach(function (k) {
      if (values[k]) { parts.push(k + "=" + encodeURIComponent(values[k])); }
    });
    var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "") +
      window.location.hash;
    if (window.history.replaceState) { window.history.replaceState(null, "", url); }
  }

  function rowFromQuery() {
    /* Search results open <page>?row=<id> (one result per row): go to the row's anchor.
     * Called after setup, whose first apply() has already dropped ?row= from the URL. */
    if (!pendingRow) { return; }
    window.location.replace(window.location.pathname + window.location.search + "#" +
      encodeURI(pendingRow));
  }

  function targetRow() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return null; }
    return id ? document.getElementById(id) : null;
  }

  function stickyOffsets(form) {
    /* Table headers stick under material's header and, on wide screens, under the filter bar. */
    var root = document.documentElement;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().height : 0;
    var sticky = form && !form.hidden && window.getComputedStyle(form).position === "sticky";
    var bar = sticky ? form.getBoundingClientRect().height : 0;
    root.style.setProperty("--mx-header", top + "px");
    root.style.setProperty("--mx-bar", bar + "px");
  }

  function setup(root) {
    var form = root.querySelector(".mx-controls");
    if (!form) { return; }
    var key = "matrixc.scenario." + root.getAttribute("data-matrix");
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-v]"));
    var scoped = Array.prototype.slice.call(root.querySelectorAll("[data-sc]"));
    var wraps = Array.prototype.slice.call(root.querySelectorAll(".mx-scroll"));
    var sections = Array.prototype.slice.call(root.querySelectorAll("section.mx-sec"));
    var radios = Array.prototype.slice.call(form.querySelectorAll("input[name=mx-scenario]"));
    var views = Array.prototype.slice.call(form.querySelectorAll("input[name=mx-view]"));
    var status = form.querySelector("select[name=mx-status]");
    var differ = form.querySelector("input[name=mx-differ]");
    var count = form.querySelector(".mx-shown");
    var none = root.querySelector(".mx-none");
    var resets = Array.prototype.slice.call(root.querySelectorAll(".mx-reset"));
    rows.forEach(function (tr) {
      /* what the page leaves to this script: the row's link to its own anchor (its id),
       * with its tooltip, and the grid view's button */
      var head = tr.querySelector("th");
      var link = null;
      if (head && tr.id) {
        link = document.createElement("a");
        link.className = "mx-link";
        link.setAttribute("href", "#" + tr.id);
        link.setAttribute("aria-label", "Link to this row");
        link.title = "Copy a link to this row";
        link.textContent = "#";
        head.insertBefore(link, head.firstChild);
      }
      if (link && tr.hasAttribute("data-more")) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "mx-more";
        button.setAttribute("aria-expanded", "false");
        button.title = "Show the details of this row";
        button.textContent = "details";
        link.parentNode.insertBefore(button, link.nextSibling);
      }
    });

    function checked(list, fallback) {
      for (var i = 0; i < list.length; i++) {
        if (list[i].checked) { return list[i]; }
      }
      return fallback;
    }

    function scenario() {
      var r = checked(radios, null);
      return r ? r.value : "all";
    }

    function state() {
      var r = checked(radios, null);
      var v = checked(views, null);
      return {
        scenario: r && r.value !== "all" ? r.getAttribute("data-sid") : "",
        verdict: status ? status.value : "",
        differ: differ && differ.checked ? "1" : "",
        view: v && v.value === "grid" ? "grid" : ""
      };
    }

    function fitWide() {
      /* A table wider than the column scrolls sideways inside its own box (the header of
       * that one table then sticks to the box); every other table keeps a sticky header. */
      wraps.forEach(function (w) {
        w.classList.remove("mx-wide");
        var t = w.querySelector("table");
        if (t && t.scrollWidth > w.clientWidth + 1) { w.classList.add("mx-wide"); }
      });
    }

    function apply() {
      var sel = scenario() === "all" ? -1 : parseInt(scenario(), 10);
      var want = status ? status.value : "";
      var onlyDiffer = differ ? differ.checked : false;
      var filtering = sel >= 0 || want !== "" || onlyDiffer;
      root.setAttribute("data-selected", sel < 0 ? "all" : String(sel));
      var view = checked(views, null);
      root.classList.toggle("mx-dense", !!view && view.value === "grid");
      scoped.forEach(function (el) {
        el.hidden = sel >= 0 && el.getAttribute("data-sc").split(" ").indexOf(String(sel)) < 0;
      });
      var shown = 0;
      rows.forEach(function (tr) {
        var all = tr.getAttribute("data-v").replace(/x/g, "");
        var codes = sel >= 0 ? tr.getAttribute("data-v").charAt(sel) : all;
        var ok = codes !== "x" && codes !== "";
        if (ok && want) { ok = codes.indexOf(want) >= 0; }
        if (ok && onlyDiffer) {
          ok = all.split("").some(function (c) { return c !== all.charAt(0); });
        }
        tr.hidden = !ok;
        if (ok) { shown += 1; }
      });
      wraps.forEach(function (w) { w.hidden = !w.querySelector("tr[data-v]:not([hidden])"); });
      /* A section shows when it has a matching row, or (no filter) always; a heading with no
       * table of its own shows when a section under it shows. */
      var keep = [];
      for (var i = sections.length - 1; i >= 0; i--) {
        var s = sections[i];
        var level = parseInt(s.getAttribute("data-level"), 10);
        var own = s.querySelector("tr[data-v]:not([hidden])") !== null;
        var child = false;
        for (var j = i + 1; j < sections.length; j++) {
          var lj = parseInt(sections[j].getAttribute("data-level"), 10);
          if (lj <= level) { break; }
          if (keep[j]) { child = true; break; }
        }
        keep[i] = !filtering || own || child;
        s.hidden = !keep[i];
      }
      if (count) { count.textContent = "Showing " + shown + " of " + rows.length + " rows"; }
      if (none) { none.hidden = shown > 0; }
      resets.forEach(function (b) { b.hidden = !filtering && b.closest(".mx-controls") !== null; });
      if (none) { none.querySelector(".mx-reset").hidden = false; }
      writeQuery(state());
      fitWide();
      stickyOffsets(form);
    }

    function reset() {
      radios.forEach(function (r) { r.checked = r.value === "all"; });
      if (status) { status.value = ""; }
      if (differ) { differ.checked = false; }
      store(key, "all");
      apply();
    }

    /* Initial state: the URL first (a shared link), then what this reader chose last time. */
    var q = query();
    var wanted = q.scenario !== undefined ? q.scenario : null;
    if (wanted !== null) {
      radios.forEach(function (r) { r.checked = r.getAttribute("data-sid") === (wanted || "all"); });
      if (!checked(radios, null) && radios.length) { radios[0].checked = true; }
    } else {
      var saved = store(key);
      radios.forEach(function (r) { if (r.value === saved) { r.checked = true; } });
    }
    if (status && q.verdict !== undefined) {
      status.value = /^[spna-]$/.test(q.verdict) ? q.verdict : "";
    }
    if (differ && q.differ !== undefined) { differ.checked = q.differ === "1"; }
    if (q.view !== undefined) {
      views.forEach(function (v) { v.checked = v.value === (q.view === "grid" ? "grid" : "read"); });
    }
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "mx-scenario") { store(key, scenario()); }
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    resets.forEach(function (b) { b.addEventListener("click", reset); });
    apply();

    function reveal() {
      /* A link to a row must show the row, whatever the remembered filters say. */
      var row = targetRow();
      if (row && row.hidden) { reset(); }
      if (row) {
        if (root.classList.contains("mx-dense")) { row.classList.add("mx-open"); }
        row.scrollIntoView({ block: "center" });
      }
    }
    reveal();
    window.addEventListener("hashchange", reveal);
    window.addEventListener("resize", function () { fitWide(); stickyOffsets(form); });

    root.addEventListener("click", function (event) {
      var more = event.target.closest ? event.target.closest("button.mx-more") : null;
      if (more) {
        var tr = more.closest("tr");
        var open = !tr.classList.contains("mx-open");
        tr.classList.toggle("mx-open", open);
        more.setAttribute("aria-expanded", open ? "true" : "false");
        return;
      }
      var link = event.target.closest ? event.target.closest("a.mx-link") : null;
      if (!link) { return; }
      event.preventDefault();
      var id = link.getAttribute("href").slice(1);
      var url = window.location.origin + window.location.pathname + "#" + encodeURI(id);
      if (window.history.replaceState) {
        window.history.replaceState(null, "", window.location.search + "#" + id);
      }
      var done = function () {
        link.setAttribute("data-copied", "");
        window.setTimeout(function () { link.removeAttribute("data-copied"); }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { /* no permission */ });
      } else {
        done();
      }
    });
  }

  /* Row search. material's search worker indexes the pages (without their tables); the rows
   * are searched here, on data fetched the first time the search box is used: every matrix's
   * api/<id>/rows.json, listed in search/rows.json. Nothing row-related is loaded before, so a
   * site of many matrices costs nothing until someone searches, and a query costs a scan of
   * prepared strings. Results go above material's page results, in the same markup, best first:
   * the row whose key is the query, keys holding the query as a phrase, texts holding it as a
   * phrase ("32 TB", "IPv6", spacing, case and "32TB" aside), then rows holding every word.
   * Document text reaches the page through textContent only. */
  var MAX_ROWS = 30;
  var FIRST_ROWS = 6; /* drawn at once; the others right after */
  var SHORT = 200; /* characters of a row's text shown in a result */
  var CODE = { s: "Supported", p: "Partial", n: "Not supported", a: "Not applicable" };
  var rowData = null;
  var NONWORD = /[^a-z0-9.+#]+/g;
  try { NONWORD = new RegExp("[^\\p{L}\\p{N}.+#]+", "gu"); } catch (e) { /* ASCII only */ }

  function fold(text) {
    /* lower case, words separated by one space, "32TB" = "32 TB", a full stop ends a word */
    return " " + text.toLowerCase().replace(/\.(?!\d)/g, " ").replace(NONWORD, " ")
      .replace(/(\d)(?=[^\d\s.])/g, "$1 ").replace(/\s+/g, " ").trim() + " ";
  }

  function siteBase() {
    var node = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(node.textContent).base || "."; } catch (e) { /* not material */ }
    return base.replace(/\/$/, "") + "/";
  }

  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }


  function loadRows() {
    if (rowData) { return rowData; }
    var base = siteBase();
    rowData = getJson(base + "search/rows.json").then(function (list) {
      return Promise.all(list.shards.map(function (path) {
        return getJson(base + path).then(function (data) { return window.matrixcRows.expand(data, base + path, getJson); });
      }));
    }).then(function (shards) {
      var rows = [];
      shards.forEach(function (data) {
        if (!data.page) { return; }
        data.rows.forEach(function (r) {
          var texts = [];
          r[3].forEach(function (said) {
            var words = [CODE[said[0]] || "", said[1]].join(" ").trim();
            if (words && texts.indexOf(words) < 0) { texts.push(words); }
          });
          if (r[4]) { texts.push(r[4]); }
          var text = texts.join(" · ");
          rows.push({
            i: rows.length, id: r[0], section: r[1], key: r[2], text: text, label: data.label,
            href: base + data.page + "#" + encodeURI(r[0]),
            fkey: fold(r[2]), ftext: fold(text + " " + r[1] + " " + data.label)
          });
        });
      });
      return rows;
    });
    rowData.catch(function () { rowData = null; }); /* try again on the next key */
    return rowData;
  }

  function rank(row, phrase, words) {
    /* 0 best; -1 no match. `phrase` is folded without its outer spaces. */
    if (row.fkey === " " + phrase + " ") { return 0; }
    if (row.fkey.indexOf(" " + phrase + " ") >= 0) { return 1; }
    if (row.fkey.indexOf(" " + phrase) >= 0) { return 2; }
    if (row.ftext.indexOf(" " + phrase + " ") >= 0) { return 3; }
    if (row.ftext.indexOf(" " + phrase) >= 0) { return 4; }
    for (var i = 0; i < words.length; i++) {
      if (row.fkey.indexOf(" " + words[i]) < 0 && row.ftext.indexOf(" " + words[i]) < 0) {
        return -1;
      }
    }
    return 5;
  }

  var narrowed = { phrase: null, rows: null, of: null }; /* the last query's matches */

  function searchRows(rows, query) {
    /* A query that extends the last one ("BitLock" after "BitLoc") can only match rows the
     * last one matched (every word is matched as a word prefix), so while typing each key
     * scans the rows still in play, not all the rows of every matrix. */
    var phrase = fold(query).trim();
    if (!phrase) { return []; }
    var words = phrase.split(" ");
    var pool = rows;
    if (narrowed.of === rows && narrowed.phrase !== null && phrase.indexOf(narrowed.phrase) === 0) {
      pool = narrowed.rows;
    }
    var found = [];
    var kept = [];
    pool.forEach(function (row) {
      var r = rank(row, phrase, words);
      if (r >= 0) { found.push({ row: row, rank: r, i: row.i }); kept.push(row); }
    });
    narrowed = { phrase: phrase, rows: kept, of: rows };
    found.sort(function (a, b) { return a.rank - b.rank || a.i - b.i; });
    return found;
  }

  function marked(parent, text, words) {
    /* `text` with the query's words marked, as text nodes and <mark> elements */
    var escaped = words.filter(function (w) { return w; }).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    if (!escaped.length) { parent.textContent = text; return parent; }
    var re = new RegExp("(" + escaped.join("|") + ")", "gi");
    var last = 0;
    text.replace(re, function (match, _g, at) {
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      var m = document.createElement("mark");
      m.textContent = match;
      parent.appendChild(m);
      last = at + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  function excerpt(text, words) {
    if (text.length <= SHORT) { return text; }
    var lower = text.toLowerCase();
    var at = words.length ? lower.indexOf(words[0]) : -1;
    var from = at > SHORT / 2 ? at - SHORT / 4 : 0;
    var out = text.slice(from, from + SHORT);
    return (from > 0 ? "\u2026" : "") + out + (from + SHORT < text.length ? "\u2026" : "");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function drawRows(box, found, query) {
    box.textContent = "";
    if (!found.length) { box.hidden = true; return; }
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    var meta = el("li", "mx-search-rows__meta",
      found.length === 1 ? "1 matching row" : found.length + " matching rows");
    box.appendChild(meta);
    var token = {};
    box.mxDrawing = token;
    function item(f) {
      var li = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link");
      a.href = f.row.href;
      a.tabIndex = -1;
      var article = el("article", "md-search-result__article md-typeset");
      article.appendChild(el("div", "md-search-result__icon md-icon"));
      article.appendChild(marked(el("h1"), f.row.key, words));
      article.appendChild(marked(el("p"), excerpt(f.row.text, words), words));
      var tags = el("nav", "md-tags");
      tags.appendChild(el("span", "md-tag", f.row.label));
      tags.appendChild(el("span", "md-tag", f.row.section));
      article.appendChild(tags);
      a.appendChild(article);
      li.appendChild(a);
      return li;
    }
    /* The first results at once, the rest in the next task (as material draws its own in
     * batches): the top of the list is what the reader sees first. */
    var shown = found.slice(0, MAX_ROWS);
    var more = found.length > MAX_ROWS ? el("li", "mx-search-rows__meta",
      (found.length - MAX_ROWS) + " more rows: add a word to narrow the search") : null;
    shown.slice(0, FIRST_ROWS).forEach(function (f) { box.appendChild(item(f)); });
    if (more) { box.appendChild(more); }
    box.hidden = false;
    if (shown.length > FIRST_ROWS) {
      window.setTimeout(function () {
        /* a newer query (or an empty box) since: nothing to add */
        if (box.mxDrawing !== token || (more && more.parentNode !== box)) { return; }
        var rest = document.createDocumentFragment();
        shown.slice(FIRST_ROWS).forEach(function (f) { rest.appendChild(item(f)); });
        box.insertBefore(rest, more);
      }, 0);
    }
  }

  function rowSearch() {
    var input = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || !window.fetch) { return; }
    var box = document.createElement("ol");
    box.className = "mx-search-rows";
    box.setAttribute("role", "presentation");
    box.hidden = true;
    list.parentNode.insertBefore(box, list);
    var drawn = null;
    function update() {
      var query = input.value.replace(/"/g, " ").trim();
      if (!query) {
        drawn = "";
        box.mxDrawing = null;
        box.textContent = "";
        box.hidden = true;
        return;
      }
      loadRows().then(function (rows) {
        var now = input.value.replace(/"/g, " ").trim();
        if (now !== query || drawn === query) { return; }
        drawn = query;
        drawRows(box, searchRows(rows, query), query);
      }, function () { /* no row data (a site without matrices): pages only */ });
    }
    box.addEventListener("click", function (event) {
      /* A row of the page already open: load the page again at <page>?row=<id> (as a result
       * on another page does), which lands on the row once the page is laid out. Going to the
       * #hash in place would be undone by material restoring the scroll position it kept
       * while the search was open (on phones). */
      var link = event.target.closest ? event.target.closest("a") : null;
      if (!link || link.pathname !== window.location.pathname || !link.hash) { return; }
      event.preventDefault();
      var id = "";
      try { id = decodeURI(link.hash.slice(1)); } catch (e) { return; }
      window.location.assign(link.pathname + "?row=" + encodeURIComponent(id));
    });
    input.addEventListener("focus", loadRows);
    input.addEventListener("input", update);
    if (input.form) {
      input.form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    }
    if (document.activeElement === input || input.value) { update(); }
  }

  /* ------------------------------------------------------------------ assembled downloads */

  /* A download published in parts (the validator: its runtime is published once for the whole
   * site, the matrix's own lines beside it): fetched, concatenated byte for byte, checked
   * against the file's sha256 where the browser can hash, and saved under its own name. */
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function assemble(link) {
    var parts = (link.getAttribute("data-parts") || "").split(" ").filter(Boolean);
    return Promise.all(parts.map(function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.arrayBuffer();
      });
    })).then(function (buffers) {
      var blob = new Blob(buffers, { type: "text/x-python" });
      var want = link.getAttribute("data-sha256");
      var subtle = window.crypto && window.crypto.subtle;
      if (!want || !subtle) { return blob; }
      return blob.arrayBuffer().then(function (bytes) {
        return subtle.digest("SHA-256", bytes);
      }).then(function (digest) {
        if (hex(digest) !== want) { throw new Error("the parts do not make the published file"); }
        return blob;
      });
    });
  }

  function saveAssembled(event) {
    var link = event.target.closest ? event.target.closest("a[data-parts]") : null;
    if (!link) { return; }
    event.preventDefault();
    assemble(link).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = link.getAttribute("data-file") || "download";
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }, function (e) {
      link.setAttribute("title", "Download failed: " + String(e.message || e));
      window.location.href = link.href; /* the API index, which lists the parts */
    });
  }

  function init() {
    rowSearch();
    pendingRow = query().row || null;
    Array.prototype.forEach.call(document.querySelectorAll(".mx-matrix"), setup);
    if (pendingRow && window.history.replaceState) {
      var q = query();
      delete q.row;
      var parts = Object.keys(q).map(function (k) {
        return encodeURIComponent(k) + "=" + encodeURIComponent(q[k]);
      });
      window.history.replaceState(null, "", window.location.pathname +
        (parts.length ? "?" + parts.join("&") : ""));
    }
    rowFromQuery();
  }

  document.addEventListener("click", saveAssembled);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
