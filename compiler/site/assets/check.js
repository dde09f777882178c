/* matrixc "Check a configuration": the generated validator's checks, in the page.
 *
 * Runs on the data part of the matrix's published validator (downloads/validator/
 * <module>.data.py.part): the records the generated Python module itself runs on, read from
 * the module's text. It follows that module's validate() step by step, so a configuration gets
 * the findings `matrixc validate` gives it, with the same messages. Nothing leaves the page: the configuration is read from the text box or a local
 * file and checked here. Document text reaches the page only through textContent.
 * Plain ES5-style JavaScript, no dependencies. window.matrixcCheck is exposed for tests. */
(function () {
  "use strict";

  /* Python's whitespace (str.isspace(), and \s in the module's patterns), which the module
     strips and splits on: JavaScript's \s and trim() differ from it by U+001C-U+001F and U+0085
     (Python's) and U+FEFF (JavaScript's), so "16\u0085" was a count here and no number there. */
  var WS = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var EDGES = new RegExp("^" + WS + "+|" + WS + "+$", "g");
  var RUNS = new RegExp(WS + "+");
  function strip(s) { return s.replace(EDGES, ""); }
  /* A pattern whose \s is Python's whitespace (`WS`). */
  function py(rx) { return new RegExp(rx.source.replace(/\\s/g, WS), rx.flags); }

  var BAD = { not_supported: "not supported", not_applicable: "not applicable" };
  var TRUE = ["true", "yes", "y", "1"];
  var FALSE = ["false", "no", "n", "0"];
  var SIZE = py(/^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)?\s*$/);
  var RATE = py(/^\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)(?:\/s(?:ec(?:ond)?)?|ps)\s*$/i);
  /* "1.30.4", "v1.30.4" (kubectl's), "v1.30.2-eks-1234abc", "v1.30.2+k3s1": on their numbers */
  var VERSION = py(/^\s*[vV]?([0-9]+(?:\.[0-9]+)+)(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?\s*$/);
  var MAJOR = py(/^\s*[vV]?([0-9]+)\s*$/);  /* a listed "11": its line (11.0.20) */
  var LISTED = py(/^\s*[vV]?([0-9]+(?:\.[0-9]+)+)\s*$/);  /* a listed line: no build's suffix */
  var NUMBER = py(/^\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*$/);
  var UNIT_NAMES = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
  var UNITS = { b: 0, "byte": 0, bytes: 0 };
  var WORDS = ["kilo kibi", "mega mebi", "giga gibi", "tera tebi", "peta pebi", "exa exbi"];
  "kmgtpe".split("").forEach(function (p, i) {
    UNITS[p + "b"] = UNITS[p + "ib"] = i + 1;
    /* and in words: "kilobytes", "MBytes", "GiByte", as the runtime's _UNITS */
    [p, p + "i"].concat(WORDS[i].split(" ")).forEach(function (w) {
      UNITS[w + "byte"] = UNITS[w + "bytes"] = i + 1;
    });
  });
  var STRING_KINDS = ["length", "charset", "affix", "allowed_values"];

  function ConfigError(message) { this.message = message; }

  function fold(s) { return strip(s).split(RUNS).filter(Boolean).join(" ").toLowerCase(); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  /* A map keyed by a document's or a configuration's words: no prototype, so "constructor"
     or "toString" is a name like any other, never a built-in property found by lookup. */
  function dict() { return Object.create(null); }

  /* Python's repr() of a str, for messages that quote values the way the module does: code
     point by code point, escaping what str.isprintable() refuses (controls, format characters
     such as U+FEFF, separators other than the space, unassigned code points, lone surrogates). */
  var UNPRINTABLE = new RegExp("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\p{Zs}]", "u");
  function hex(code, digits) { return ("0000000" + code.toString(16)).slice(-digits); }
  function pyRepr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    for (var i = 0; i < s.length;) {
      var code = s.codePointAt(i);
      var ch = String.fromCodePoint(code);
      i += ch.length;
      if (ch === "\\") { out += "\\\\"; }
      else if (ch === q) { out += "\\" + q; }
      else if (ch === "\n") { out += "\\n"; }
      else if (ch === "\r") { out += "\\r"; }
      else if (ch === "\t") { out += "\\t"; }
      else if (ch !== " " && UNPRINTABLE.test(ch)) {
        out += code < 0x100 ? "\\x" + hex(code, 2) :
          code < 0x10000 ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
      }
      else { out += ch; }
    }
    return q + out + q;
  }

  /* `_q`: a repr cut to `width` code points (Python's len), not UTF-16 units. */
  function q(text, width) {
    width = width || 60;
    var points = Array.from(text);
    return points.length <= width ? pyRepr(text) : pyRepr(points.slice(0, width - 3).join("")) + "...";
  }

  function pyNumber(x) {
    if (Number.isInteger(x)) { return String(x); }
    var s = String(x);
    return s.indexOf(".") < 0 && s.indexOf("e") < 0 ? s + ".0" : s;
  }

  /* json.dumps's text of a value: ", " and ": " between items, not inside strings. */
  function pyJson(value) {
    if (Array.isArray(value)) { return "[" + value.map(pyJson).join(", ") + "]"; }
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) {
        return JSON.stringify(k) + ": " + pyJson(value[k]);
      }).join(", ") + "}";
    }
    return JSON.stringify(value);
  }

  /* A text cut to 60 code points (Python's len), not UTF-16 units, as the module cuts values. */
  function cut(text) {
    var points = Array.from(text);
    return points.length <= 60 ? text : points.slice(0, 57).join("") + "...";
  }

  /* `_show`: a value as the configuration wrote it, cut. */
  function show(value) {
    var text = typeof value === "number" ? pyNumber(value) : pyJson(value);
    return cut(text === undefined ? String(value) : text);
  }

  /* difflib.get_close_matches(word, possibilities, n=3, cutoff=0.6), for "did you mean". */
  function ratio(a, b) {
    var b2j = dict();
    for (var j = 0; j < b.length; j++) { (b2j[b[j]] = b2j[b[j]] || []).push(j); }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = dict();
      for (var i = alo; i < ahi; i++) {
        var newj2len = dict();
        var js = b2j[a[i]] || [];
        for (var x = 0; x < js.length; x++) {
          var jj = js[x];
          if (jj < blo) { continue; }
          if (jj >= bhi) { break; }
          var k = (j2len[jj - 1] || 0) + 1;
          newj2len[jj] = k;
          if (k > bestsize) { besti = i - k + 1; bestj = jj - k + 1; bestsize = k; }
        }
        j2len = newj2len;
      }
      return [besti, bestj, bestsize];
    }
    var matches = 0;
    var queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var t = queue.pop();
      var m = longest(t[0], t[1], t[2], t[3]);
      if (m[2]) {
        matches += m[2];
        if (t[0] < m[0] && t[2] < m[1]) { queue.push([t[0], m[0], t[2], m[1]]); }
        if (m[0] + m[2] < t[1] && m[1] + m[2] < t[3]) {
          queue.push([m[0] + m[2], t[1], m[1] + m[2], t[3]]);
        }
      }
    }
    var total = a.length + b.length;
    return total ? 2 * matches / total : 1;
  }

  function suggest(name, choices) {
    var spelled = dict();
    choices.forEach(function (choice) {
      var f = fold(choice);
      if (!has(spelled, f) || spelled[f] === f) { spelled[f] = choice; }
    });
    var word = fold(name);
    var scored = [];
    Object.keys(spelled).forEach(function (c) {
      var r = ratio(c, word);
      if (r >= 0.6) { scored.push([r, c]); }
    });
    scored.sort(function (x, y) {
      return y[0] - x[0] || (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0);
    });
    var close = scored.slice(0, 3).map(function (s) { return pyRepr(spelled[s[1]]); });
    return close.length ? "; did you mean " + close.join(" or ") + "?" : "";
  }

  /* A Python string literal as the generated module writes its records (`ascii()` of JSON
   * text): its value. */
  function pyString(lit) {
    var quote = lit.charAt(0);
    if ((quote !== "'" && quote !== '"') || lit.charAt(lit.length - 1) !== quote) {
      throw new Error("not a string literal: " + lit.slice(0, 40));
    }
    return lit.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g,
      function (m, e) {
        var c = e.charAt(0);
        if (c === "x" || c === "u" || c === "U") { return String.fromCodePoint(parseInt(e.slice(1), 16)); }
        return { n: "\n", r: "\r", t: "\t" }[c] || c;
      });
  }

  /* The records of a generated validator (`_DATA`, one JSON object per line) from its data
   * part, as published beside the runtime: the very data `matrixc validate` runs on. */
  function records(source) {
    var marker = "\n_DATA = (\n";
    var start = source.indexOf(marker);
    var end = start < 0 ? -1 : source.indexOf("\n)\n", start);
    if (end < 0) { throw new Error("no validator data in this file"); }
    return source.slice(start + marker.length, end).split("\n").map(function (line) {
      return JSON.parse(pyString(strip(line).replace(/,$/, "")));
    });
  }

  /* The records in the shape the checker reads (as the module's read_data and Validator):
   * facts with their lines and anchors, every spelling of their names, rules by scenario. */
  function fromRecords(recs) {
    var head = null, scenarios = [], rows = [], ambiguous = dict(), conditions = dict(), lines = [];
    var conditionNames = [];
    recs.forEach(function (d) {
      if (has(d, "matrix")) { head = d; }
      else if (has(d, "scenario")) { scenarios.push({ id: d.scenario, label: d.label, aliases: d.aliases }); }
      else if (has(d, "row")) { rows.push(d); }
      else if (has(d, "ambiguous")) { ambiguous[d.ambiguous] = d.rows; }
      else if (has(d, "condition")) {
        conditions[d.condition] = d.sources;
        if (d.name !== null && d.name !== undefined) { conditionNames.push([d.name, d.condition]); }
      } else if (has(d, "lines")) { lines = d.lines; }
    });
    var names = dict();
    var rules = dict();
    scenarios.forEach(function (s) { rules[s.id] = dict(); });
    var facts = rows.map(function (r, i) {
      names[r.row] = r.row;
      r.rules.forEach(function (rule) {
        (rules[rule.scenario] = rules[rule.scenario] || dict())[r.row] = {
          status: rule.status, text: rule.text, constraints: rule.constraints
        };
      });
      return {
        row: r.row, key: r.key, section: r.section, section_title: r.section_title,
        line: lines[i], accepts: r.accepts, anchor: head.site_page + "#" + r.row,
        notes: r.notes, names: r.names,
        scenarios: r.rules.map(function (rule) { return rule.scenario; })
      };
    });
    facts.forEach(function (f) { f.names.forEach(function (n) { names[n] = f.row; }); });
    conditionNames.forEach(function (c) { if (!has(names, c[0])) { names[c[0]] = "?" + c[1]; } });
    return {
      id: head.matrix, title: head.title, version: head.version, source: head.source,
      site_page: head.site_page, scenarios: scenarios, facts: facts, names: names,
      ambiguous: ambiguous, rules: rules, conditions: conditions
    };
  }

  function Checker(data) {
    var self = this;
    data = fromRecords(data);
    this.data = data;
    this.facts = data.facts;
    this.rowIndex = dict();
    this.facts.forEach(function (f, i) { self.rowIndex[f.row] = i; });
    this.scenarios = dict();
    this.scenarioNames = dict();
    data.scenarios.forEach(function (s) {
      self.scenarios[s.id] = s;
      [s.id, s.label].concat(s.aliases).forEach(function (n) {
        self.scenarioNames[n] = s.id;
        self.scenarioNames[fold(n)] = s.id;
      });
    });
    this.conditionFacts = dict();
    this.names = dict();
    Object.keys(data.names).forEach(function (n) {
      var t = data.names[n];
      if (t.charAt(0) === "?") { self.conditionFacts[n] = t.slice(1); }
      else if (has(self.rowIndex, t)) { self.names[n] = self.rowIndex[t]; }
    });
    this.exact = dict();
    Object.keys(this.names).forEach(function (n) { self.exact[n] = self.names[n]; });
    this.facts.forEach(function (f) {
      var i = self.rowIndex[f.row];
      if (!has(self.exact, f.key)) { self.exact[f.key] = i; }
      var short = f.row.slice(f.row.indexOf("/") + 1);  /* the id after its section */
      if (!has(self.exact, short)) { self.exact[short] = i; }
    });
    Object.keys(this.exact).forEach(function (n) {
      if (self.names[fold(n)] !== self.exact[n] && !has(self.rowIndex, n)) { delete self.exact[n]; }
    });
  }

  Checker.prototype.resolveScenario = function (name) {
    if (typeof name !== "string") {
      throw new ConfigError("scenario must be a string, not " + show(name));
    }
    var sid = this.scenarioNames[name] || this.scenarioNames[fold(name)];
    if (!sid) {
      var hint = suggest(name, Object.keys(this.scenarioNames)) ||
        "; known: " + Object.keys(this.scenarios).join(", ");
      throw new ConfigError("unknown scenario " + q(name) + " for " + this.data.id + hint);
    }
    return sid;
  };

  Checker.prototype.resolveFact = function (name) {
    if (typeof name !== "string") {
      throw new ConfigError("fact names are strings, not " + show(name));
    }
    if (has(this.exact, name)) { return this.facts[this.exact[name]].row; }
    var f = fold(name);
    if (has(this.conditionFacts, f)) { return this.conditionFacts[f]; }
    if (has(this.names, f)) { return this.facts[this.names[f]].row; }
    var rows = this.data.ambiguous[f];
    if (rows && rows.length) {
      throw new ConfigError("fact " + q(name) + " is ambiguous: use one of " + rows.join(", "));
    }
    var spellings = [];
    this.facts.forEach(function (x) {
      spellings.push(x.row, x.key, x.row.split("/").pop());
    });
    spellings = spellings.concat(Object.keys(this.conditionFacts));
    throw new ConfigError("unknown fact " + q(name) + " for " + this.data.id +
      suggest(name, spellings));
  };

  function formatSize(n) {
    var power = 0;
    while (power < UNIT_NAMES.length - 1 && Math.abs(n) >= Math.pow(1024, power + 1)) { power++; }
    var value = n / Math.pow(1024, power);
    var text = value !== Math.trunc(value) ?
      value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "") : String(Math.trunc(value));
    return text + " " + UNIT_NAMES[power];
  }

  function parseSize(text, rate) {
    var m = (rate ? RATE : SIZE).exec(text);
    if (!m) {
      throw new ConfigError(q(text) + " is not a " + (rate ? "rate" : "size") + " like '40 TB'");
    }
    var unit = m[2];
    if (unit === undefined) {
      throw new ConfigError("size " + q(text) + " needs a unit, e.g. '" + m[1] +
        " GB' (a bare number is ambiguous)");
    }
    /* own keys only: "10 constructor" found Object's, a NaN that passed every limit */
    var power = has(UNITS, unit.toLowerCase()) ? UNITS[unit.toLowerCase()] : undefined;
    if (power === undefined) {
      throw new ConfigError("unknown unit " + q(unit) + " in " + q(text) +
        "; use B, KB, MB, GB, TB, PB (or KiB...)");
    }
    if (rate && unit.slice(-1) === "b") {  /* "650 Mbps": bits, decimal as networks count them */
      return parseFloat(m[1]) * Math.pow(1000, power) / 8;
    }
    return parseFloat(m[1]) * Math.pow(1024, power);
  }

  function version(text) {
    return strip(text).split(".").map(function (p) {
      var s = strip(p).replace(/^0+/, "");
      return [s.length, s];
    });
  }

  function cmpVersion(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i][0] !== b[i][0]) { return a[i][0] < b[i][0] ? -1 : 1; }
      if (a[i][1] !== b[i][1]) { return a[i][1] < b[i][1] ? -1 : 1; }
    }
    return 0;
  }

  function coerce(fact, value, name) {
    var accepts = fact.accepts;
    var takes = function (k) { return accepts.indexOf(k) >= 0; };
    if (typeof value === "boolean") {
      if (takes("bool") || !accepts.length) { return ["bool", value]; }
    } else if (typeof value === "number") {
      if (!isFinite(value)) { throw new ConfigError("fact " + q(name) + ": " + value + " is not a number"); }
      if (takes("count") || !accepts.length) { return ["count", value]; }
      if (takes("size") || takes("rate")) {
        throw new ConfigError("fact " + q(name) + ": give a size with a unit, e.g. '" +
          pyNumber(value) + " GB', not a bare number");
      }
      if (takes("version") && Number.isInteger(value) && value >= 0) {
        return ["version", version(String(value))];  /* "macOS": 12, "Windows Server": 2019 */
      }
    } else if (typeof value === "string") {
      var s = strip(value);
      var f = s.toLowerCase();
      if (takes("bool") && (TRUE.indexOf(f) >= 0 || FALSE.indexOf(f) >= 0)) {
        return ["bool", TRUE.indexOf(f) >= 0];
      }
      if (takes("count") && NUMBER.test(s)) {
        var number = parseFloat(s);
        if (!isFinite(number)) { throw new ConfigError("fact " + q(name) + ": " + q(value) + " is not a number"); }
        return ["count", number];
      }
      /* "2019" too, a release by its number, where a bare number is no size needing its unit */
      var major = takes("size") || takes("rate") ? null : MAJOR.exec(s);
      if (takes("version") && (VERSION.test(s) || major)) {
        return ["version", version((VERSION.exec(s) || major)[1])];
      }
      if (takes("rate") && RATE.test(s)) { return ["rate", parseSize(s, true)]; }
      if (takes("size")) {
        try { return ["size", parseSize(s, false)]; } catch (e) {
          if (e instanceof ConfigError) { throw new ConfigError("fact " + q(name) + ": " + e.message); }
          throw e;
        }
      }
      if (takes("name") || takes("enum")) { return ["str", value]; }
      if (!accepts.length) { return ["text", value]; }
    } else if (value === null) {
      return ["none", null];
    }
    throw new ConfigError("fact " + q(name) + " takes " + (accepts.join(", ") || "a value") +
      ", not " + show(value));
  }

  function limit(c, fmt) {
    var lo = c.min, hi = c.max;
    if (lo !== undefined && hi !== undefined) {
      return lo === hi ? "exactly " + fmt(lo) : "between " + fmt(lo) + " and " + fmt(hi);
    }
    if (hi !== undefined) { return (c.xmax ? "less than" : "at most") + " " + fmt(hi); }
    if (lo !== undefined) { return (c.xmin ? "more than" : "at least") + " " + fmt(lo); }
    return String(c.text);
  }

  function within(c, x) {
    if (c.min !== undefined && (c.xmin ? x <= c.min : x < c.min)) { return false; }
    return !(c.max !== undefined && (c.xmax ? x >= c.max : x > c.max));
  }

  function num(x) { return Number.isInteger(x) ? String(x) : pyNumber(x); }

  function full(pattern) { return new RegExp("^(?:" + pattern + ")$"); }

  /* a bound's version without its wildcard: "1.20.x" bounds as 1.20 */
  function wildcardFree(text) {
    var tail = text.slice(-2);
    return tail === ".x" || tail === ".X" || tail === ".*" ? text.slice(0, -2) : text;
  }

  function tooOld(c, value, shown) {
    var floor = version(wildcardFree(c.version || ""));
    var width = Math.max(floor.length, value.length);
    var v = value.slice(), f = floor.slice();
    while (v.length < width) { v.push([0, ""]); }
    while (f.length < width) { f.push([0, ""]); }
    var cmp = cmpVersion(v, f);
    if (cmp > 0 || (cmp === 0 && !c.xmin)) { return null; }
    var what = c.subject ? " of the " + c.subject : "";
    return "version " + shown + what + " is too old: needs " + (c.xmin ? "after" : "at least") +
      " " + c.version + " (" + pyRepr(c.text) + ")";
  }

  /* a ceiling covers its release line: under "<= 6.2" (or "6.2.x") 6.2.5 is allowed, under
   * "< 1.30" 1.30.1 is not; the value is compared on as many parts as the ceiling has */
  function tooNew(c, value, shown) {
    var ceiling = version(wildcardFree(c.max_version || ""));
    var head = value.slice(0, ceiling.length);
    while (head.length < ceiling.length) { head.push([0, ""]); }
    var over = cmpVersion(head, ceiling);
    if (over < 0 || (over === 0 && !c.xmax)) { return null; }
    var of = c.subject ? " of the " + c.subject : "";
    return "version " + shown + of + " is too new: needs " + (c.xmax ? "before" : "at most") +
      " " + c.max_version + " (" + pyRepr(c.text) + ")";
  }

  /* a value that none of a rule's alternatives allows ("2.1.0+, 2.0.4+, 1.7.24+") */
  function noneHolds(shown, either) {
    var what = either[0].subject ? " of the " + either[0].subject : "";
    return "version " + shown + what + " is in none of the supported versions: " +
      either.map(function (c) { return c.text; }).join(", ");
  }

  /* a list of versions ("1.31, 1.30, 1.29"; "1.20.x, 1.21.x") names release lines: "1.30"
   * admits 1.30.4 and v1.30.4 (compared on as many parts as the listed version has), "1.3"
   * never 1.30; a bare number ("16") names a line only as "16.x" */
  function releaseParts(s) {
    return s.split(".").map(function (p) { return p.replace(/^0+/, ""); });
  }
  var LINE = py(/^\s*[vV]?([0-9]+(?:\.[0-9]+)*)\.[xX*]\s*$/);  /* "1.20.x", "16.x": a line, said so */
  function inReleaseLine(value, allowed) {
    var m = VERSION.exec(value);
    if (!m) { return false; }
    var parts = releaseParts(m[1]);
    return allowed.some(function (v) {
      var listed = LINE.exec(v) || LISTED.exec(v) || MAJOR.exec(v);
      if (!listed) { return false; }
      var line = releaseParts(listed[1]);
      if (line.length > parts.length) { return false; }
      for (var i = 0; i < line.length; i++) { if (line[i] !== parts[i]) { return false; } }
      return true;
    });
  }

  function violation(c, kind, value, shown) {
    var k = c.kind;
    if ((kind === "count" || kind === "size" || kind === "rate") && k === kind) {
      if (within(c, value)) { return null; }
      var fmt = k === "count" ? num : formatSize;
      return shown + " is outside the limit: " + limit(c, fmt) + (k === "rate" ? "/s" : "") +
        " (" + pyRepr(c.text) + ")";
    }
    if (kind === "version" && k === "min_version") { return tooOld(c, value, shown); }
    if (kind === "version" && k === "max_version") { return tooNew(c, value, shown); }
    if (kind === "version" && k === "version_range" && c.any) {  /* "2.0.4+" of the 2.0 line */
      return tooOld(c, value, shown) || tooNew(c, value, shown);
    }
    if (kind !== "str") { return null; }
    if (k === "length") {
      var n = Array.from(value).length;
      if (within(c, n)) { return null; }
      return shown + " is " + n + " characters; allowed: " + limit(c, num) + " (" + pyRepr(c.text) + ")";
    }
    if ((k === "charset" || k === "affix") && c.pattern !== undefined) {
      if (full(c.pattern).test(value)) { return null; }
      if (k === "charset") {
        var bad = dict();
        Array.from(value).forEach(function (ch) { if (!full(c.pattern).test(ch)) { bad[ch] = 1; } });
        var which = Object.keys(bad).sort().slice(0, 5).map(pyRepr).join(", ");
        return shown + " uses characters not allowed (" + which + "): " + pyRepr(c.text);
      }
      return shown + " breaks the rule " + pyRepr(c.text);
    }
    if (k === "allowed_values") {
      var folded = fold(value);
      if (c.values.some(function (x) { return fold(x) === folded; })) { return null; }
      if (inReleaseLine(value, c.values)) { return null; }
      return shown + " is not one of: " + c.values.join(", ");
    }
    return null;
  }

  function applies(c, kind) {
    var k = c.kind;
    if (kind === "count" || kind === "size" || kind === "rate") {  /* a bare quantity: no check */
      return k === kind && (c.min !== undefined || c.max !== undefined);
    }
    if (kind === "version") {
      return k === "min_version" || k === "max_version" || (k === "version_range" && !!c.any);
    }
    return STRING_KINDS.indexOf(k) >= 0;
  }

  Checker.prototype.condition = function (factName, facts) {
    var self = this;
    var sources = this.data.conditions[factName] || [];
    var given = dict();
    Object.keys(facts).forEach(function (name) {
      try { given[self.resolveFact(name)] = facts[name]; } catch (e) {
        if (!(e instanceof ConfigError)) { throw e; }
      }
    });
    if (given[factName] !== undefined && given[factName] !== null) {
      var raw = given[factName];
      return strip(String(raw)).toLowerCase();
    }
    for (var i = 0; i < sources.length; i++) {
      var source = sources[i];
      var value = given[source.row];
      if (value === undefined || value === null) { continue; }
      if (source.map && typeof value === "string") {
        var got = has(source.map, fold(value)) ? source.map[fold(value)] : undefined;
        if (got !== undefined) { return String(got).toLowerCase(); }
      }
      if (source.when_true !== undefined &&
          (value === true || TRUE.indexOf(String(value).toLowerCase()) >= 0)) {
        return String(source.when_true).toLowerCase();
      }
    }
    return null;
  };

  Checker.prototype.longCheck = function (i, rule, name, value, facts, sid) {
    var self = this;
    var fact = this.facts[i];
    var coerced = coerce(fact, value, name);
    var kind = coerced[0], parsed = coerced[1];
    if (kind === "none") { return []; }
    var label = this.scenarios[sid].label;
    function finding(severity, message) {
      return {
        severity: severity, row: fact.row, section: fact.section,
        message: fact.key + ": " + message, line: fact.line, key: fact.key,
        scenario: sid, fact: name, anchor: self.data.site_page + "#" + fact.row,
        notes: fact.notes.slice()
      };
    }
    if (!rule) {
      var where = fact.scenarios.map(function (s) { return self.scenarios[s].label; }).join(", ");
      return [finding("info", "this row applies only to " + where + ", not to " + label)];
    }
    var status = rule.status;
    var used = parsed === true || (kind !== "bool" && kind !== "text" && parsed !== 0);
    if (has(BAD, status) && used) {
      return [finding("error", BAD[status] + " in " + label + ": " + pyRepr(rule.text))];
    }
    if (kind === "bool" || kind === "text") {
      if (status === null || kind === "text") {
        return [finding("info", "no checkable rule in " + label + "; the matrix says: " + pyRepr(rule.text))];
      }
      // Partly supported and used: what the matrix restricts it to cannot be checked, so say it.
      var partly = status === "partial" && parsed === true ?
        [finding("warning", "only partly supported in " + label + ": " + pyRepr(rule.text))] : [];
      var needs = partly.concat(rule.constraints.filter(function (c) {
        return c.kind === "min_version" && !c.any && parsed;
      }).map(function (c) {
        return finding("info", "requires " + (c.subject || "version") + " " +
          (c.xmin ? "after" : "at least") + " " + c.version + " (" + pyRepr(c.text) + ")");
      }));
      var wants = parsed ? rule.constraints.filter(function (c) {
        return c.any && applies(c, "version");
      }) : [];
      if (wants.length) {
        needs.push(finding("info", "requires " + (wants[0].subject || "version") + " one of " +
          wants.map(function (c) { return c.text; }).join(", ")));
      }
      return needs;
    }
    var shown = cut(kind === "str" ? q(value) :
      (typeof value === "string" ? strip(value) : show(value)));
    var out = [];
    var checked = false;
    var alternatives = dict();
    var order = [];
    var either = [];  /* the rule's any-of limits that apply: [limit, problem] */
    rule.constraints.forEach(function (c) {
      var cond = c["if"];
      if (!cond) {
        var problem = violation(c, kind, parsed, shown);
        var holds = applies(c, kind);
        checked = checked || holds;
        if (c.any && holds) { either.push([c, problem]); }
        else if (problem) { out.push(finding("error", problem)); }
        return;
      }
      if (!applies(c, kind)) { return; }
      checked = true;
      if (!has(alternatives, cond.fact)) { alternatives[cond.fact] = []; order.push(cond.fact); }
      alternatives[cond.fact].push([c, violation(c, kind, parsed, shown)]);
    });
    if (either.length && either.every(function (a) { return a[1]; })) {
      /* one range: its own words */
      out.push(finding("error", either.length === 1 ? either[0][1] :
        noneHolds(shown, either.map(function (a) { return a[0]; }))));
    }
    order.forEach(function (factName) {
      var alts = alternatives[factName];
      var have = self.condition(factName, facts);
      if (have !== null) {
        alts.forEach(function (a) {
          if (a[1] && String(a[0]["if"].value).toLowerCase() === have) {
            out.push(finding("error", a[1] + ", " + a[0]["if"].text));
          }
        });
        return;
      }
      var broken = alts.filter(function (a) { return a[1]; });
      if (!broken.length) { return; }
      var bad = broken.map(function (a) { return a[0].text + " " + a[0]["if"].text; }).join("; ");
      var limits = alts.map(function (a) { return a[0].text + " " + a[0]["if"].text; }).join("; ");
      if (broken.length === alts.length) {
        out.push(finding("error", shown + " breaks every limit that could apply: " + limits));
      } else {
        var sources = [factName].concat((self.data.conditions[factName] || []).map(function (s) {
          return self.facts[self.rowIndex[s.row]].key;
        }));
        out.push(finding("warning", "the limit depends on " + pyRepr(factName) +
          ", which the configuration does not give (state " + sources.map(pyRepr).join(" or ") +
          "); it would apply: " + limits + "; " + shown + " breaks " + bad));
      }
    });
    if (!checked && status === null) {
      out.push(finding("info", "no checkable rule for this value in " + label +
        "; the matrix says: " + pyRepr(rule.text)));
    }
    return out;
  };

  function intBounds(constraints) {
    var lo = -Infinity, hi = Infinity;
    for (var i = 0; i < constraints.length; i++) {
      var c = constraints[i];
      if (c.kind !== "count" || c["if"]) { return null; }
      if (c.min !== undefined) { lo = Math.max(lo, c.xmin ? Math.floor(c.min) + 1 : Math.ceil(c.min)); }
      if (c.max !== undefined) { hi = Math.min(hi, c.xmax ? Math.ceil(c.max) - 1 : Math.floor(c.max)); }
    }
    return [lo, hi];
  }

  /* The generated module's shortcuts: a plain feature's true/false, an unsupported feature's
   * false and an int inside plain count bounds pass without the long path. */
  Checker.prototype.fast = function (rule, fact, value) {
    if (!rule) { return false; }
    var accepts = fact.accepts;
    var onlyBool = accepts.length > 0 && accepts.every(function (a) { return a === "bool"; });
    if (onlyBool) {
      var subject = rule.constraints.some(function (c) { return c.subject !== undefined; });
      if (rule.status === "supported" && !subject) { return typeof value === "boolean"; }
      if (has(BAD, rule.status)) { return value === false; }
    } else if (accepts.indexOf("bool") >= 0 && has(BAD, rule.status)) {
      return value === false;
    } else if (rule.status === null && rule.constraints.length) {
      if (accepts.length === 1 && accepts[0] === "count") {
        var b = intBounds(rule.constraints);
        return b !== null && typeof value === "number" && Number.isInteger(value) &&
          b[0] <= value && value <= b[1];
      }
    }
    return false;
  };

  Checker.prototype.validate = function (config, scenario) {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
      throw new ConfigError("a configuration is a JSON object, not " + show(config));
    }
    var name = config.scenario || scenario || null;
    if (name === null) {
      var ids = Object.keys(this.scenarios);
      if (ids.length !== 1) {
        throw new ConfigError("no scenario: give one of " + ids.map(function (s) {
          return pyRepr(this.scenarios[s].label);
        }, this).join(", "));
      }
      name = ids[0];
    }
    var sid = this.resolveScenario(name);
    var facts = config.facts;
    if (facts === undefined || facts === null) { facts = {}; }
    else if (typeof facts !== "object" || Array.isArray(facts)) {
      throw new ConfigError("facts must be an object, not " + show(facts));
    }
    var rules = this.data.rules[sid] || dict();
    var findings = [];
    var self = this;
    Object.keys(facts).forEach(function (factName) {
      var value = facts[factName];
      /* As the module's lookup table: a condition's own name first, then every spelling. */
      var row = has(self.conditionFacts, factName) ? self.conditionFacts[factName] :
        self.resolveFact(factName);
      if (!has(self.rowIndex, row)) {
        if (typeof value !== "string" && !(typeof value === "number" && Number.isInteger(value))) {
          throw new ConfigError("fact " + q(factName) + " takes a string or an integer, not " + show(value));
        }
        return;
      }
      var i = self.rowIndex[row];
      var rule = rules[row] || null;
      if (self.fast(rule, self.facts[i], value)) { return; }
      findings = findings.concat(self.longCheck(i, rule, factName, value, facts, sid));
    });
    return {
      scenario: sid, findings: findings,
      ok: !findings.some(function (f) { return f.severity === "error"; })
    };
  };

  /* ------------------------------------------------------------------ the page */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var loaded = {};

  function load(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.text();
      }).then(function (source) { return new Checker(records(source)); });
    }
    return loaded[url];
  }

  function render(out, report, checker, base) {
    out.textContent = "";
    var label = checker.scenarios[report.scenario].label;
    var counts = { error: 0, warning: 0, info: 0 };
    report.findings.forEach(function (f) { counts[f.severity] += 1; });
    var head = el("p", "mx-check__verdict mx-check__verdict--" + (report.ok ? "ok" : "fail"),
      (report.ok ? "✓ Passes" : "✗ Fails") + " in " + label + ": " + counts.error + " errors, " +
      counts.warning + " warnings, " + counts.info + " notes.");
    out.appendChild(head);
    var list = el("ul", "mx-check__findings");
    report.findings.forEach(function (f) {
      var li = el("li", "mx-finding mx-finding--" + f.severity);
      li.appendChild(el("span", "mx-finding__sev", f.severity));
      li.appendChild(document.createTextNode(" " + f.message + " "));
      var a = el("a", "mx-finding__row", "line " + f.line);
      a.href = base + f.anchor;
      li.appendChild(a);
      f.notes.forEach(function (n) { li.appendChild(el("small", "mx-finding__note", n)); });
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function setup(root) {
    var form = root.querySelector("form");
    var select = root.querySelector("select[name=mx-matrix]");
    var text = root.querySelector("textarea");
    var file = root.querySelector("input[type=file]");
    var out = root.querySelector(".mx-check__out");
    var base = root.getAttribute("data-base") || "";
    function run() {
      var option = select.options[select.selectedIndex];
      var config;
      try { config = JSON.parse(text.value); } catch (e) {
        out.textContent = "";
        out.appendChild(el("p", "mx-check__error", "Not valid JSON: " + e.message));
        return Promise.resolve();
      }
      return load(option.getAttribute("data-check")).then(function (checker) {
        var configs = Array.isArray(config) ? config : [config];
        out.textContent = "";
        configs.forEach(function (c) {
          var box = el("div", "mx-check__one");
          try { render(box, checker.validate(c), checker, base); } catch (e) {
            if (!(e instanceof ConfigError)) { throw e; }
            box.appendChild(el("p", "mx-check__error", "Cannot check this configuration: " + e.message));
          }
          out.appendChild(box);
        });
      }, function (e) {
        out.textContent = "";
        out.appendChild(el("p", "mx-check__error", String(e.message || e)));
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    if (file) {
      file.addEventListener("change", function () {
        var f = file.files && file.files[0];
        if (!f) { return; }
        var reader = new FileReader();
        reader.onload = function () { text.value = String(reader.result); run(); };
        reader.readAsText(f);
      });
    }
    root.hidden = false;
  }

  window.matrixcCheck = {
    load: load,
    check: function (url, config, scenario) {
      return load(url).then(function (checker) {
        try { return checker.validate(config, scenario); } catch (e) {
          if (e instanceof ConfigError) { return { error: e.message }; }
          throw e;
        }
      });
    }
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".mx-check"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
