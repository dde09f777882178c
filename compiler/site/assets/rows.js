/* matrixc published rows: the one reader of a matrix's row data, for the search box
 * (matrixc.js) and the compare view (compare.js). It is on every page (extra_javascript, before
 * matrixc.js); compare.js, a script in its page's body, reads it once the page has loaded. The rows come as
 * extras.compact_rows (format 2) or as a pointer to the matrix's rule file (format 3); both read
 * back to [id, section title, key, [[code, text] per scenario], details]. Plain ES5-style
 * JavaScript; it touches no page. */
(function () {
  "use strict";

  /* Rows published as a pointer to the matrix's rule file (extras.rules_rows, format 3): the
   * rows read from the rule file's records as extras.rows_of_rule_file reads them, with the
   * details columns' text from the pointer. */
  var STATUS = { supported: "s", partial: "p", not_supported: "n", not_applicable: "a" };
  function rowsOfRuleFile(rf, data) {
    var titles = Object.create(null);  /* keyed by ids: no prototype to find there */
    rf.sections.forEach(function (s) { titles[s.id] = s.title; });
    var every = rf.scenarios.map(function (s) { return s.id; });
    var rows = [];
    var byId = Object.create(null);
    rf.rows.forEach(function (record) {
      var row = record.row;
      var at = row.lastIndexOf("/");
      var section = "section" in record ? record.section : (at < 0 ? "" : row.slice(0, at));
      var changes = record.except || {};
      (record.scenarios || every).forEach(function (sid) {
        var said = {};
        var k;
        for (k in record.verdict) { said[k] = record.verdict[k]; }
        if (Object.prototype.hasOwnProperty.call(changes, sid)) {
          for (k in changes[sid]) { said[k] = changes[sid][k]; }
        }
        var entry = Object.prototype.hasOwnProperty.call(byId, row) ? byId[row] : null;
        if (!entry) {
          var title = Object.prototype.hasOwnProperty.call(titles, section) ?
            titles[section] : section;
          entry = byId[row] = [row, title, record.key, every.map(function () { return ["x", ""]; }), ""];
          rows.push(entry);
        }
        var i = every.indexOf(sid);
        if (i >= 0) {
          var code = said.status && Object.prototype.hasOwnProperty.call(STATUS, said.status) ?
            STATUS[said.status] : "-";
          entry[3][i] = [code, "text" in said ? said.text : ""];
        }
      });
    });
    data.details.forEach(function (pair) { if (rows[pair[0]]) { rows[pair[0]][4] = pair[1]; } });
    return { id: data.id, label: data.label, page: data.page, scenarios: data.scenarios, rows: rows };
  }

  /* The published rows (extras.compact_rows, or rules_rows) back in full: [id, section title,
   * key, [[code, text] per scenario], details]; `url`: where they were read from, `fetchJson`
   * the page script's own reader (a promise of the JSON at a URL). */
  function expandRows(data, url, fetchJson) {
    if (data.format === 3) {
      return fetchJson(url.replace(/[^\/]*$/, "") + data.rules).then(function (rf) {
        return rowsOfRuleFile(rf, data);
      });
    }
    if (data.format !== 2) { return data; }
    var rows = data.rows.map(function (r) {
      var where = data.sections[r[1]];
      var said = [];
      r[3].forEach(function (cell) {
        if (typeof cell === "string") { said.push([cell, ""]); }
        else { said.push([cell[0], typeof cell[1] === "number" ? said[cell[1]][1] : cell[1]]); }
      });
      /* an id left out (0) is the key's slug: ASCII keys only, as extras.key_slug */
      var rest = typeof r[0] === "number" ?
        r[2].toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-") : r[0];
      return [where[0] ? where[0] + "/" + rest : rest, where[1], r[2], said, r.length > 4 ? r[4] : ""];
    });
    return { id: data.id, label: data.label, page: data.page, scenarios: data.scenarios, rows: rows };
  }

  window.matrixcRows = { expand: expandRows };
})();
