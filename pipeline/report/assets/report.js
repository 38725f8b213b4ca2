/* govreply report: sortable tables and the title/sender search box; plain JS, no network. */
var govreply = (function () {
  "use strict";
  function cellValue(row, k) {
    var cell = row.cells[k];
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    var n = parseFloat(v.replace(/,/g, ""));
    return (v !== "" && !isNaN(n) && /^[-\d.,]+$/.test(v)) ? n : v;
  }
  function sortBy(table, k, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = !th.classList.contains("sorted-asc");
    rows.sort(function (a, b) {
      var x = cellValue(a, k), y = cellValue(b, k);
      if (typeof x === "number" && typeof y === "number") { return asc ? x - y : y - x; }
      return asc ? String(x).localeCompare(String(y), "zh") : String(y).localeCompare(String(x), "zh");
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.classList.remove("sorted-asc", "sorted-desc"); });
    th.classList.add(asc ? "sorted-asc" : "sorted-desc");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, k) {
      th.addEventListener("click", function () { sortBy(table, k, th); });
    });
  });
  function search(indexUrl, prefix) {
    var box = document.getElementById("q"), list = document.getElementById("hits");
    if (!box) { return; }
    var loading = false;
    function show() {
      var q = box.value.trim(), letters = window.GOVREPLY_LETTERS || [];
      list.innerHTML = "";
      if (!q) { return; }
      var found = letters.filter(function (l) { return l[1].indexOf(q) >= 0 || l[2].indexOf(q) >= 0; });
      found.slice(0, 50).forEach(function (l) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = prefix + "letter/" + l[0] + ".html";
        a.textContent = l[1];
        li.appendChild(a);
        li.appendChild(document.createTextNode(" — " + l[2] + (l[3] ? ", " + l[3] : "")));
        list.appendChild(li);
      });
      var more = document.createElement("li");
      more.className = "note";
      more.textContent = found.length + " letters match" + (found.length > 50 ? " (first 50 shown)" : "");
      list.appendChild(more);
    }
    function update() {
      if (window.GOVREPLY_LETTERS || loading) { show(); return; }
      loading = true;  /* the index is a script, so it loads from file:// too */
      var s = document.createElement("script");
      s.src = indexUrl;
      s.onload = show;
      document.body.appendChild(s);
    }
    box.addEventListener("input", update);
    if (location.hash.indexOf("#q=") === 0) {  /* index.html#q=交通: a search to link to */
      box.value = decodeURIComponent(location.hash.slice(3));
      update();
    }
  }
  return { search: search };
}());
