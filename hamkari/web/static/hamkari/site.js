// The side list jumps to the words of a fact and flashes them.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.jump");
  if (!link) { return; }
  var mark = document.getElementById(link.dataset.target);
  if (!mark) { return; }
  event.preventDefault();
  mark.scrollIntoView({ behavior: "smooth", block: "center" });
  mark.classList.add("flash");
  setTimeout(function () { mark.classList.remove("flash"); }, 1500);
  history.replaceState(null, "", "#" + link.dataset.target);
});

// Reviewing with the keyboard: j / k move to the next and previous fact, a accepts, r rejects,
// Enter shows its words; the fact keeps the focus after the row is replaced in place.
(function () {
  "use strict";
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("li.fact-row")); }
  function current() {
    var el = document.activeElement;
    return el && el.closest ? el.closest("li.fact-row") : null;
  }
  function focusRow(row) {
    if (!row) { return; }
    rows().forEach(function (r) { r.classList.remove("current"); });
    row.classList.add("current");
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.matches && target.matches("input, textarea, select, [contenteditable]")) { return; }
    var all = rows();
    if (!all.length) { return; }
    var row = current(), i = row ? all.indexOf(row) : -1;
    if (event.key === "j") { focusRow(all[Math.min(all.length - 1, i + 1)]); }
    else if (event.key === "k") { focusRow(all[Math.max(0, i - 1)]); }
    else if ((event.key === "a" || event.key === "r") && row) {
      var button = row.querySelector(event.key === "a" ? "button.accept" : "button.reject");
      if (button) { button.click(); }
    } else if (event.key === "Enter" && row && target === row) {
      var jump = row.querySelector("a.jump");
      if (jump) { jump.click(); }
    } else { return; }
    event.preventDefault();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var id = event.detail && event.detail.target && event.detail.target.id;
    var row = id ? document.getElementById(id) : null;
    if (row && row.matches("li.fact-row")) { focusRow(row); }
  });
  // htmx swaps the row out (outerHTML): the new element has the same id; find it after settling
  document.addEventListener("htmx:afterSettle", function (event) {
    var el = event.detail && event.detail.elt;
    if (el && el.matches && el.matches("li.fact-row")) { focusRow(el); }
  });
})();

// Name pickers (web/_picker.html): suggestions for the name being typed (the last one of a list
// separated by commas), a chosen record added as a hidden input with its name, removable.
(function () {
  "use strict";
  var SEPARATORS = /[,\u060c\u061b;]/;
  document.addEventListener("htmx:configRequest", function (event) {
    var input = event.detail.elt;
    if (!input.closest || !input.closest(".picker")) { return; }
    var parts = input.value.split(SEPARATORS);
    event.detail.parameters = { q: parts[parts.length - 1].trim() };
  });
  document.addEventListener("click", function (event) {
    var pick = event.target.closest ? event.target.closest(".picker button.pick") : null;
    var unpick = event.target.closest ? event.target.closest(".picker button.unpick") : null;
    if (unpick) { unpick.closest("li").remove(); return; }
    if (!pick) { return; }
    var picker = pick.closest(".picker"), list = picker.querySelector("ul.picked");
    var input = picker.querySelector("input[type=search]");
    if (!picker.classList.contains("multiple")) { list.innerHTML = ""; }
    if (!list.querySelector("input[value='" + pick.dataset.pk + "']")) {
      var item = document.createElement("li"), hidden = document.createElement("input");
      var remove = document.createElement("button");
      hidden.type = "hidden"; hidden.name = picker.dataset.field; hidden.value = pick.dataset.pk;
      remove.type = "button"; remove.className = "unpick"; remove.textContent = "\u00d7";
      remove.setAttribute("aria-label", picker.dataset.remove + " " + pick.dataset.name);
      item.appendChild(hidden);
      item.appendChild(document.createTextNode(pick.dataset.name + " "));
      item.appendChild(remove);
      list.appendChild(item);
    }
    var parts = input.value.split(SEPARATORS);
    parts.pop();  // the name being typed is now chosen
    input.value = parts.map(function (p) { return p.trim(); }).filter(Boolean).join(", ");
    picker.querySelector(".choices").innerHTML = "";
    input.focus();
  });
})();

// A change sent in place (htmx) that the server refuses: htmx swaps nothing for a 4xx or 5xx answer,
// so the reason is shown beside the form that sent it, as text (a 400 answer is one line in the
// page's language; any other answer is a page, said by the body's data-unsaved line instead).
(function () {
  "use strict";
  function show(event, text) {
    var elt = event.detail && event.detail.elt;
    var form = elt && elt.closest ? (elt.closest("form") || elt) : null;
    if (!form) { return; }
    var box = form.querySelector(".htmx-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "error htmx-error";
      box.setAttribute("role", "alert");
      form.appendChild(box);
    }
    box.textContent = text;
  }
  function unsaved() { return document.body.dataset.unsaved || ""; }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var plain = xhr && xhr.status === 400 && xhr.responseText && xhr.responseText.length <= 500;
    show(event, plain ? xhr.responseText : unsaved());
  });
  document.addEventListener("htmx:sendError", function (event) { show(event, unsaved()); });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    var box = elt && elt.querySelector ? elt.querySelector(".htmx-error") : null;
    if (box) { box.remove(); }
  });
})();

// A file field in the page's language (web/_file_pick.html): the chosen files' names beside it.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches(".file-pick input[type=file]")) { return; }
  var names = input.closest(".file-pick").querySelector(".file-names");
  var separator = (document.documentElement.lang || "").slice(0, 2) === "fa" ? "، " : ", ";
  var chosen = Array.prototype.map.call(input.files, function (file) { return file.name; });
  names.textContent = chosen.length ? chosen.join(separator) : names.dataset.none;
});
