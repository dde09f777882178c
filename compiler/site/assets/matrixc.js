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
    var out = {};
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

  /* Search: lunr scores each word alone, so for "32 TB" a row with "TB" in its title outranks
   * the rows that say "32 TB". Once material has drawn its results, the ones that hold the
   * whole query as written (spacing and case aside) move to the top, rows before pages;
   * the order among equals is lunr's. A one-word query keeps lunr's order. */
  function norm(text) { return " " + text.toLowerCase().replace(/\s+/g, " ").trim() + " "; }

  function phraseFirst() {
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector(".md-search__input");
    if (!list || !input || !window.MutationObserver) { return; }
    var busy = false;
    var observer = new MutationObserver(function () {
      if (busy) { return; }
      var raw = input.value.replace(/"/g, " ").trim();
      if (raw.split(/\s+/).length < 2) { return; }
      var phrase = norm(raw).trim();
      var items = Array.prototype.slice.call(list.children);
      var ranked = items.map(function (li, i) {
        var holds = norm(li.textContent).indexOf(phrase) >= 0;
        var link = li.querySelector("a");
        var row = !!link && /[?&]row=/.test(link.getAttribute("href") || "");
        return { li: li, rank: (holds ? 0 : 2) + (row ? 0 : 1), i: i };
      });
      ranked.sort(function (a, b) { return a.rank - b.rank || a.i - b.i; });
      var moved = ranked.some(function (r, i) { return r.i !== i; });
      if (!moved) { return; }
      busy = true;
      ranked.forEach(function (r) { list.appendChild(r.li); });
      observer.takeRecords();
      busy = false;
    });
    observer.observe(list, { childList: true });
  }

  function init() {
    phraseFirst();
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
