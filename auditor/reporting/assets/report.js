/* auditor HTML report: severity and rule filters, rule explanations in a dialog.
 * Only toggles `hidden`, sets textContent and copies nodes already in the page:
 * document text is never parsed as HTML here. */
(function () {
  "use strict";

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  var findings = all(".finding");
  var groups = all("[data-group]");
  var boxes = all("input[data-severity-filter]");
  var select = document.getElementById("rule-filter");
  var count = document.getElementById("visible-count");
  var noMatch = document.getElementById("no-match");
  var dialog = document.getElementById("rule-dialog");

  /* Show the findings whose severity is ticked and whose rule is selected. */
  function apply() {
    var allowed = {};
    boxes.forEach(function (box) { allowed[box.value] = box.checked; });
    var rule = select ? select.value : "";
    var shown = 0;
    findings.forEach(function (item) {
      var visible = allowed[item.getAttribute("data-severity")] !== false &&
        (!rule || item.getAttribute("data-rule") === rule);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".finding:not([hidden])");
    });
    if (count) { count.textContent = String(shown); }
    if (noMatch) { noMatch.hidden = shown !== 0; }
  }

  /* Open a rule's page in the dialog (a copy of its <details> body). */
  function explain(id) {
    var page = document.getElementById(id);
    if (!page) { return false; }
    if (!dialog || typeof dialog.showModal !== "function") {
      page.open = true;
      page.scrollIntoView();
      return true;
    }
    var title = page.querySelector(".rule-title");
    var body = page.querySelector(".rule-body");
    var target = document.getElementById("rule-dialog-body");
    document.getElementById("rule-dialog-title").textContent = title ? title.textContent : id;
    while (target.firstChild) { target.removeChild(target.firstChild); }
    if (body) { target.appendChild(body.cloneNode(true)); }
    dialog.showModal();
    return true;
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  if (select) { select.addEventListener("change", apply); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.rule-link") : null;
    if (!link) { return; }
    var id = (link.getAttribute("href") || "").replace(/^#/, "");
    if (explain(id)) { event.preventDefault(); }
  });

  if (dialog) {
    document.getElementById("rule-dialog-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
  }

  apply();
})();
