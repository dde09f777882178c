/* matrixc compare view: the rows two or more matrices (or revisions) share, side by side.
 * Rows are matched by their key's words (case, spacing and punctuation aside); a key used more
 * than once in one matrix is matched together with its section title. The picks are kept in
 * the URL (?with=<n>,<n>...; &differ=1), so a comparison can be shared.
 * Document text is inserted with textContent only. Plain ES5-style JavaScript. */
(function () {
  "use strict";

  var LABEL = { s: "✓ Supported", n: "✗ Not supported", a: "⊘ Not applicable",
    p: "◐ Partial", "-": "no verdict", x: "" };
  var cache = dict();

  function words(s) {
    return s.toLowerCase().replace(/[^\w\s]+/g, " ").trim().split(/\s+/).join(" ");
  }

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  function get(url) {
    if (!cache[url]) {
      cache[url] = fetchJson(url).then(function (data) { return window.matrixcRows.expand(data, url, fetchJson); });
    }
    return cache[url];
  }


  /* Maps keyed by rows' words have no prototype: a row keyed "constructor" is a row like any
     other, not a built-in found by lookup (it was dropped from every comparison). */
  function dict() { return Object.create(null); }

  function identities(data) {
    var seen = dict();
    data.rows.forEach(function (r) { var k = words(r[2]); seen[k] = (seen[k] || 0) + 1; });
    var out = dict();
    data.rows.forEach(function (r) {
      var k = words(r[2]);
      if (seen[k] > 1) { k = words(r[1]) + " / " + k; }
      if (k && !out[k]) { out[k] = r; }
    });
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var CLIP = 300; /* characters of a cell's text shown (the data holds all of it, for search) */
  function clip(text) { return text.length <= CLIP ? text : text.slice(0, CLIP - 1) + "\u2026"; }

  function verdicts(data, row) {
    var out = el("div", "mx-cmp__cell");
    var codes = [];
    row[3].forEach(function (said, i) {
      if (said[0] === "x") { return; }
      codes.push(said[0]);
      var line = el("div", "mx-cmp__line");
      if (data.scenarios.length > 1) { line.appendChild(el("small", "mx-cmp__scn", data.scenarios[i][1])); }
      var code = said[0] === "-" ? "" : said[0];
      if (code) { line.appendChild(el("span", "mx-badge mx-badge--" + code, LABEL[code])); }
      if (said[1] && !/^(yes|no|supported|not supported|na|n\/a|not applicable)\.?$/i.test(said[1])) {
        line.appendChild(el("span", "mx-text", clip(said[1])));
      }
      out.appendChild(line);
    });
    return { node: out, codes: codes.join("") };
  }

  function setup(root) {
    var form = root.querySelector("form");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=mx-src]"));
    var differ = form.querySelector("input[name=mx-cmp-differ]");
    var out = root.querySelector(".mx-compare__out");
    var shown = root.querySelector(".mx-compare__shown");

    var q = /[?&]with=([^&#]*)/.exec(window.location.search);
    if (q) {
      var picked = decodeURIComponent(q[1]).split(",");
      boxes.forEach(function (b, i) { b.checked = picked.indexOf(String(i)) >= 0; });
    }
    if (/[?&]differ=1/.test(window.location.search)) { differ.checked = true; }

    function remember() {
      var picked = [];
      boxes.forEach(function (b, i) { if (b.checked) { picked.push(i); } });
      var url = window.location.pathname + "?with=" + picked.join(",") +
        (differ.checked ? "&differ=1" : "");
      if (window.history.replaceState) { window.history.replaceState(null, "", url); }
    }

    function draw() {
      remember();
      var chosen = boxes.filter(function (b) { return b.checked; });
      out.textContent = "";
      if (chosen.length < 2) {
        shown.textContent = "Pick at least two to compare.";
        return Promise.resolve();
      }
      return Promise.all(chosen.map(function (b) { return get(b.value); })).then(function (all) {
        var ids = all.map(identities);
        var counts = dict();
        ids.forEach(function (m) { Object.keys(m).forEach(function (k) { counts[k] = (counts[k] || 0) + 1; }); });
        var order = [];
        ids.forEach(function (m) {
          Object.keys(m).forEach(function (k) {
            if (counts[k] >= 2 && order.indexOf(k) < 0) { order.push(k); }
          });
        });
        var table = el("table", "mx-table mx-cmp");
        var head = el("tr");
        head.appendChild(el("th", "mx-col--key", "Row"));
        all.forEach(function (d) { head.appendChild(el("th", "mx-col--scenario", d.label)); });
        var thead = el("thead");
        thead.appendChild(head);
        table.appendChild(thead);
        var body = el("tbody");
        var n = 0;
        order.forEach(function (k) {
          var tr = el("tr");
          var first = null;
          var seen = [];
          var cells = all.map(function (d, i) {
            var row = ids[i][k];
            var td = el("td");
            td.setAttribute("data-label", d.label);
            if (!row) { td.appendChild(el("span", "mx-cmp__none", "—")); return td; }
            first = first || row;
            var v = verdicts(d, row);
            seen.push(v.codes);
            td.appendChild(v.node);
            if (d.page) {
              var a = el("a", "mx-cmp__link", "row");
              a.href = "../" + d.page + "#" + row[0];
              td.appendChild(a);
            }
            return td;
          });
          var differs = seen.some(function (c) { return c !== seen[0]; });
          if (differ.checked && !differs) { return; }
          var th = el("th");
          th.setAttribute("scope", "row");
          th.appendChild(document.createTextNode(first[2]));
          th.appendChild(el("small", "mx-cmp__sec", first[1]));
          tr.appendChild(th);
          cells.forEach(function (td) { tr.appendChild(td); });
          if (differs) { tr.className = "mx-cmp--differs"; }
          body.appendChild(tr);
          n += 1;
        });
        table.appendChild(body);
        shown.textContent = n + " shared rows" + (differ.checked ? " whose verdicts differ" : "") +
          " across " + all.length + " picks.";
        var wrap = el("div", "mx-scroll");
        wrap.appendChild(table);
        out.appendChild(wrap);
      }, function (e) { shown.textContent = String(e.message || e); });
    }

    form.addEventListener("change", draw);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.matrixcReady = draw();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".mx-compare"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
