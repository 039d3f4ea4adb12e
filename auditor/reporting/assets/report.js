/* auditor HTML report: paged findings with search and filters, rule explanations in a dialog.
 * The findings come from the JSON text of #report-data; every piece of document text
 * reaches the page through textContent or createTextNode, never parsed as HTML. */
(function () {
  "use strict";
  var started = (window.performance && performance.now) ? performance.now() : Date.now();
  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }
  function byId(id) { return document.getElementById(id); }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var LABELS = { error: "错误 / error", warning: "警告 / warning", info: "提示 / info" };
  var source = byId("report-data");
  var data = source ? JSON.parse(source.textContent) : { docs: [], tables: [], findings: [], lines: {}, anchors: {}, pageSize: 100 };
  var findings = data.findings;
  var pageSize = data.pageSize || 100;
  var list = byId("finding-list");
  var boxes = all("input[data-severity-filter]");
  var ruleSelect = byId("rule-filter");
  var docSelect = byId("doc-filter");
  var tableSelect = byId("table-filter");
  var search = byId("search");
  var count = byId("visible-count");
  var noMatch = byId("no-match");
  var pageInfo = byId("page-info");
  var prev = byId("page-prev");
  var next = byId("page-next");
  var dialog = byId("rule-dialog");
  var matches = [];
  var page = 0;
  var haystacks = null;
  var timings = { load: 0, filter: 0, render: 0 };
  window.auditorTimings = timings;

  /* Lower-case text of each finding that the search box looks in (built on first search). */
  function haystack(i) {
    if (!haystacks) {
      haystacks = findings.map(function (f) {
        return [f.m, f.e, f.r, f.n, f.o, f.p, data.docs[f.d], f.t === undefined ? "" : data.tables[f.t]]
          .join("\u0001").toLowerCase();
      });
    }
    return haystacks[i];
  }

  /* The indices of the findings that pass every filter, in report order. */
  function filter() {
    var t0 = now();
    var allowed = {};
    boxes.forEach(function (box) { allowed[box.value] = box.checked; });
    var rule = ruleSelect ? ruleSelect.value : "";
    var doc = docSelect && docSelect.value !== "" ? Number(docSelect.value) : -1;
    var table = tableSelect && tableSelect.value !== "" ? Number(tableSelect.value) : -1;
    var query = search ? search.value.trim().toLowerCase() : "";
    var out = [];
    for (var i = 0; i < findings.length; i += 1) {
      var f = findings[i];
      if (allowed[f.s] === false) { continue; }
      if (rule && f.r !== rule) { continue; }
      if (doc >= 0 && f.d !== doc) { continue; }
      if (table >= 0 && f.t !== table) { continue; }
      if (query && haystack(i).indexOf(query) < 0) { continue; }
      out.push(i);
    }
    matches = out;
    timings.filter = now() - t0;
  }

  function badge(severity) {
    return el("span", "badge sev-" + severity, LABELS[severity] || severity);
  }

  function marked(text, evidence) {
    var cell = document.createDocumentFragment();
    var at = evidence ? text.indexOf(evidence) : -1;
    if (at < 0) { cell.appendChild(document.createTextNode(text)); return cell; }
    cell.appendChild(document.createTextNode(text.slice(0, at)));
    cell.appendChild(el("mark", "", evidence));
    cell.appendChild(document.createTextNode(text.slice(at + evidence.length)));
    return cell;
  }

  /* The source lines around a text finding, its line highlighted and its evidence marked. */
  function sourceBlock(f) {
    var lines = data.lines[String(f.d)];
    if (!lines || f.o || !lines[String(f.l)]) { return null; }
    var table = el("table", "source");
    table.setAttribute("aria-label", "原文 / source");
    var body = el("tbody");
    for (var n = Math.max(1, f.l - 3); n <= f.l + 3; n += 1) {
      var text = lines[String(n)];
      if (text === undefined) { continue; }
      var row = el("tr", n === f.l ? "hit" : "");
      row.appendChild(el("td", "ln", n));
      var code = el("td", "code");
      code.appendChild(n === f.l ? marked(text, f.e) : document.createTextNode(text));
      row.appendChild(code);
      body.appendChild(row);
    }
    table.appendChild(body);
    return table;
  }

  /* A native file's row (its cell texts), the finding's cell marked. */
  function excerptBlock(f) {
    if (!f.x) { return null; }
    var table = el("table", "excerpt");
    table.setAttribute("aria-label", "原表行 / the row in the source table");
    var row = el("tr");
    f.x.forEach(function (text, i) {
      var cell = el("td", i === f.xi ? "hit" : "");
      if (i === f.xi) { cell.appendChild(el("mark", "", text)); } else { cell.textContent = text; }
      row.appendChild(cell);
    });
    var body = el("tbody");
    body.appendChild(row);
    table.appendChild(body);
    return table;
  }

  function article(i) {
    var f = findings[i];
    var item = el("article", "finding sev-" + f.s);
    item.id = "f-" + i;
    item.setAttribute("data-severity", f.s);
    item.setAttribute("data-rule", f.r);
    var head = el("div", "finding-head");
    head.appendChild(badge(f.s));
    var link = el("a", "rule-link", f.r);
    link.href = "#" + (data.anchors[f.r] || "");
    link.title = "规则说明 / what this rule checks";
    head.appendChild(link);
    head.appendChild(el("span", "rule-name", f.n || ""));
    var where = "第 " + f.l + " 行 / line " + f.l + (f.c ? " · 第 " + f.c + " 列 / col " + f.c : "") + (f.o ? " · " + f.o : "");
    head.appendChild(el("span", "where", where));
    var anchor = el("a", "permalink", "#");
    anchor.href = "#f-" + i;
    anchor.title = "链接到此问题 / link to this finding";
    head.appendChild(anchor);
    item.appendChild(head);
    item.appendChild(el("p", "message", f.m));
    if (f.e) {
      var evidence = el("p", "evidence", "证据 / evidence ");
      evidence.appendChild(el("code", "", f.e));
      item.appendChild(evidence);
    }
    var block = sourceBlock(f) || excerptBlock(f);
    if (block) { item.appendChild(block); }
    return item;
  }

  /* The current page: findings grouped under their document and table headings. */
  function render() {
    var t0 = now();
    var pages = Math.max(1, Math.ceil(matches.length / pageSize));
    page = Math.min(Math.max(0, page), pages - 1);
    var fragment = document.createDocumentFragment();
    var docSection = null;
    var group = null;
    var lastDoc = -1;
    var lastTable = null;
    matches.slice(page * pageSize, (page + 1) * pageSize).forEach(function (i) {
      var f = findings[i];
      if (f.d !== lastDoc) {
        docSection = el("section", "document");
        docSection.setAttribute("data-group", "");
        var title = el("h2", "doc-title");
        title.appendChild(el("span", "file", data.docs[f.d]));
        docSection.appendChild(title);
        fragment.appendChild(docSection);
        lastDoc = f.d;
        lastTable = null;
        group = null;
      }
      var table = f.t === undefined ? -1 : f.t;
      if (group === null || table !== lastTable) {
        group = el("section", "table-group");
        group.setAttribute("data-group", "");
        var headRow = el("div", "table-head");
        headRow.appendChild(el("h3", "", table >= 0 ? data.tables[table] : "文档 / document"));
        if (f.p) { headRow.appendChild(el("span", "code", f.p)); }
        group.appendChild(headRow);
        docSection.appendChild(group);
        lastTable = table;
      }
      group.appendChild(article(i));
    });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.appendChild(fragment);
    if (count) { count.textContent = String(matches.length); }
    if (noMatch) { noMatch.hidden = matches.length !== 0; }
    if (pageInfo) { pageInfo.textContent = "第 " + (page + 1) + " / " + pages + " 页 · page " + (page + 1) + " of " + pages; }
    if (prev) { prev.disabled = page === 0; }
    if (next) { next.disabled = page >= pages - 1; }
    timings.render = now() - t0;
  }

  function apply() {
    filter();
    page = 0;
    render();
  }

  function resetFilters() {
    boxes.forEach(function (box) { box.checked = true; });
    [ruleSelect, docSelect, tableSelect, search].forEach(function (input) { if (input) { input.value = ""; } });
  }

  /* #f-N: show the page holding finding N (clearing filters that hide it) and scroll to it. */
  function follow(hash) {
    var m = /^#f-(\d+)$/.exec(hash || "");
    var d = /^#doc-(\d+)$/.exec(hash || "");
    if (d && docSelect) {
      resetFilters();
      docSelect.value = String(Number(d[1]) - 1);
      apply();
      list.scrollIntoView();
      return true;
    }
    if (!m || Number(m[1]) >= findings.length) { return false; }
    var index = Number(m[1]);
    var at = matches.indexOf(index);
    if (at < 0) { resetFilters(); filter(); at = matches.indexOf(index); }
    page = Math.floor(at / pageSize);
    render();
    var target = byId("f-" + index);
    if (target) {
      all(".finding.target").forEach(function (node) { node.classList.remove("target"); });
      target.classList.add("target");
      target.scrollIntoView();
    }
    return true;
  }

  /* Open a rule's page in the dialog (a copy of its <details> body). */
  function explain(id) {
    var ruleDoc = byId(id);
    if (!ruleDoc) { return false; }
    if (!dialog || typeof dialog.showModal !== "function") {
      ruleDoc.open = true;
      ruleDoc.scrollIntoView();
      return true;
    }
    var title = ruleDoc.querySelector(".rule-title");
    var body = ruleDoc.querySelector(".rule-body");
    var target = byId("rule-dialog-body");
    byId("rule-dialog-title").textContent = title ? title.textContent : id;
    while (target.firstChild) { target.removeChild(target.firstChild); }
    if (body) { target.appendChild(body.cloneNode(true)); }
    dialog.showModal();
    return true;
  }

  var typing = null;
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  [ruleSelect, docSelect, tableSelect].forEach(function (input) { if (input) { input.addEventListener("change", apply); } });
  if (search) {
    search.addEventListener("input", function () {
      if (typing) { clearTimeout(typing); }
      typing = setTimeout(apply, 120);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { if (typing) { clearTimeout(typing); } apply(); }
    });
  }
  if (prev) { prev.addEventListener("click", function () { page -= 1; render(); list.scrollIntoView(); }); }
  if (next) { next.addEventListener("click", function () { page += 1; render(); list.scrollIntoView(); }); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.rule-link") : null;
    if (!link) { return; }
    var id = (link.getAttribute("href") || "").replace(/^#/, "");
    if (explain(id)) { event.preventDefault(); }
  });
  window.addEventListener("hashchange", function () { follow(window.location.hash); });

  if (dialog) {
    byId("rule-dialog-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
  }

  apply();
  follow(window.location.hash);
  timings.load = now() - started;
})();
