/* matrixc reference pages: scenario switch, verdict filter, copy-a-row-link.
 * Progressive enhancement only: without this script every row, column and verdict is shown.
 * Plain ES5-style JavaScript, no dependencies, nothing loaded from elsewhere. */
(function () {
  "use strict";

  function store(key, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem(key); }
      window.localStorage.setItem(key, value);
    } catch (e) { /* storage disabled: the switch still works, it is just not remembered */ }
    return null;
  }

  function rowFromQuery() {
    /* Search results open <page>?row=<id> (one result per row): go to the row's anchor. */
    var match = /[?&]row=([^&#]*)/.exec(window.location.search);
    if (!match) { return; }
    var id = decodeURIComponent(match[1].replace(/\+/g, " "));
    if (window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
    window.location.replace(window.location.pathname + "#" + encodeURI(id));
  }

  function targetRow() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function setup(root) {
    var form = root.querySelector(".mx-controls");
    if (!form) { return; }
    var key = "matrixc.scenario." + root.getAttribute("data-matrix");
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-v]"));
    var scoped = Array.prototype.slice.call(root.querySelectorAll("[data-sc]"));
    var wraps = Array.prototype.slice.call(root.querySelectorAll(".mx-scroll"));
    var radios = Array.prototype.slice.call(form.querySelectorAll("input[name=mx-scenario]"));
    var status = form.querySelector("select[name=mx-status]");
    var differ = form.querySelector("input[name=mx-differ]");
    var count = form.querySelector(".mx-shown");

    function scenario() {
      for (var i = 0; i < radios.length; i++) {
        if (radios[i].checked) { return radios[i].value; }
      }
      return "all";
    }

    function apply() {
      var sel = scenario() === "all" ? -1 : parseInt(scenario(), 10);
      var want = status ? status.value : "";
      var onlyDiffer = differ ? differ.checked : false;
      root.setAttribute("data-selected", sel < 0 ? "all" : String(sel));
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
      if (count) { count.textContent = "Showing " + shown + " of " + rows.length + " rows"; }
    }

    var saved = store(key);
    radios.forEach(function (r) { if (r.value === saved) { r.checked = true; } });
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "mx-scenario") { store(key, scenario()); }
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();

    function reveal() {
      /* A link to a row must show the row, whatever the remembered filters say. */
      var row = targetRow();
      if (row && row.hidden) {
        radios.forEach(function (r) { r.checked = r.value === "all"; });
        if (status) { status.value = ""; }
        if (differ) { differ.checked = false; }
        apply();
      }
      if (row) { row.scrollIntoView({ block: "center" }); }
    }
    reveal();
    window.addEventListener("hashchange", reveal);

    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.mx-link") : null;
      if (!link) { return; }
      event.preventDefault();
      var id = link.getAttribute("href").slice(1);
      var url = window.location.origin + window.location.pathname + "#" + encodeURI(id);
      if (window.history.replaceState) { window.history.replaceState(null, "", "#" + id); }
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".mx-matrix"), setup);
    rowFromQuery();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
