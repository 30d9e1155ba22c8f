// A small date field of Hamkari's own: on Persian pages dates are typed in the Jalali calendar
// («۱۴۰۴/۰۹/۲۶» or «1404/9/26», Persian or Latin digits), on the others in the Gregorian one
// («2025-12-17»). Beside each field it shows what the date means in the other calendar, and a
// button opens a month grid to pick a day. The server parses what is sent (tracker.parse_date);
// this script only helps. Calendar arithmetic uses the browser's own Persian calendar (Intl).
(function () {
  "use strict";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹", ARABIC = "٠١٢٣٤٥٦٧٨٩";
  var persianPage = (document.documentElement.lang || "").slice(0, 2) === "fa";

  function latin(text) {
    return text.replace(/[۰-۹٠-٩]/g, function (d) {
      var i = PERSIAN.indexOf(d);
      return String(i >= 0 ? i : ARABIC.indexOf(d));
    });
  }
  function persian(text) {
    return String(text).replace(/[0-9]/g, function (d) { return PERSIAN[+d]; });
  }
  var jalaliParts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
    year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC"
  });
  function toJalali(date) { // a UTC Date → [year, month, day] in the Jalali calendar
    var out = {};
    jalaliParts.formatToParts(date).forEach(function (p) { out[p.type] = parseInt(p.value, 10); });
    return [out.year, out.month, out.day];
  }
  function before(a, b) { // Jalali [y, m, d] a comes before b
    return a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
  }
  function fromJalali(y, m, d) { // → a UTC Date, or null when there is no such day
    if (m < 1 || m > 12 || d < 1 || d > 31) { return null; }
    // Farvardin 1 falls on 20–21 March: search the days around the estimate (the calendars
    // run in the same order, so a binary search finds the day)
    var estimate = Date.UTC(y + 621, 2, 21) + Math.round((m - 1) * 30.5 + d - 1) * 864e5;
    var lo = -40, hi = 40, want = [y, m, d];
    while (lo <= hi) {
      var mid = Math.floor((lo + hi) / 2), date = new Date(estimate + mid * 864e5), j = toJalali(date);
      if (j[0] === y && j[1] === m && j[2] === d) { return date; }
      if (before(j, want)) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return null;
  }
  function iso(date) { return date.toISOString().slice(0, 10); }
  var MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];

  function parse(text) { // what was typed → a UTC Date, null (not a date) or undefined (empty)
    var t = latin(text).trim();
    if (!t) { return undefined; }
    var m = t.match(/^(\d{4})[\/\-.](\d{1,2})[\/\-.](\d{1,2})$/);
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1700) {
      var g = fromJalali(y, mo, d);
      return g && toJalali(g)[1] === mo ? g : null;
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCMonth() === mo - 1 ? date : null;
  }
  function dates(date) { // the date and the other calendar's, as the pages show them (the jdate filter)
    var j = toJalali(date);
    if (persianPage) {
      return [persian(j[2] + " " + MONTHS[j[1] - 1] + " " + j[0]), "(\u2066" + iso(date) + "\u2069)"];
    }
    return [iso(date), "(" + j[0] + "-" + String(j[1]).padStart(2, "0") + "-" + String(j[2]).padStart(2, "0") + ")"];
  }
  function describe(date) { return dates(date).join(" "); }
  function pair(date) { // each date a span that does not wrap; the line may break between the two
    var outer = document.createElement("span");
    outer.className = "dates";
    dates(date).forEach(function (text, i) {
      var span = document.createElement("span");
      span.className = "date";
      span.textContent = text;
      if (i) { outer.append(" "); }
      outer.append(span);
    });
    return outer;
  }
  function show(input, hint) {
    var date = parse(input.value);
    hint.classList.toggle("bad", date === null);
    input.setAttribute("aria-invalid", date === null ? "true" : "false");
    if (date) { hint.replaceChildren(pair(date)); } else { hint.textContent = date === null ? hint.dataset.bad : ""; }
  }
  function typed(date) {
    if (!persianPage) { return iso(date); }
    var j = toJalali(date);
    return persian(j[0] + "/" + String(j[1]).padStart(2, "0") + "/" + String(j[2]).padStart(2, "0"));
  }

  function grid(input, hint, button) {
    var open = input.parentNode.querySelector(".jdate-grid");
    if (open) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
    var start = parse(input.value) || new Date();
    var cur = persianPage ? toJalali(start) : [start.getUTCFullYear(), start.getUTCMonth() + 1, 1];
    var box = document.createElement("div");
    box.className = "jdate-grid";
    box.setAttribute("role", "dialog");
    button.setAttribute("aria-expanded", "true");
    function first() {
      return persianPage ? fromJalali(cur[0], cur[1], 1) : new Date(Date.UTC(cur[0], cur[1] - 1, 1));
    }
    function draw() {
      box.textContent = "";
      var head = document.createElement("div");
      head.className = "jdate-head";
      var prev = document.createElement("button"), next = document.createElement("button");
      prev.type = next.type = "button";
      prev.textContent = "‹"; next.textContent = "›";
      prev.setAttribute("aria-label", button.dataset.prev);
      next.setAttribute("aria-label", button.dataset.next);
      var title = document.createElement("span");
      var d0 = first();
      title.textContent = persianPage ? persian(MONTHS[cur[1] - 1] + " " + cur[0])
        : d0.toLocaleDateString(document.documentElement.lang, { month: "long", year: "numeric", timeZone: "UTC" });
      prev.onclick = function () { cur = cur[1] === 1 ? [cur[0] - 1, 12] : [cur[0], cur[1] - 1]; draw(); };
      next.onclick = function () { cur = cur[1] === 12 ? [cur[0] + 1, 1] : [cur[0], cur[1] + 1]; draw(); };
      head.append(prev, title, next);
      box.append(head);
      var days = document.createElement("div");
      days.className = "jdate-days";
      for (var day = d0; ; day = new Date(day.getTime() + 864e5)) {
        var parts = persianPage ? toJalali(day) : [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
        if (parts[1] !== cur[1]) { break; }
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = persianPage ? persian(parts[2]) : parts[2];
        b.setAttribute("aria-label", persianPage ? describe(day) : iso(day));
        b.onclick = (function (value) {
          return function () { input.value = typed(value); show(input, hint); box.remove(); button.setAttribute("aria-expanded", "false"); input.focus(); };
        })(day);
        days.append(b);
      }
      box.append(days);
    }
    draw();
    input.parentNode.insertBefore(box, hint.nextSibling);
  }

  function enhance(input) {
    if (input.dataset.jdate) { return; }
    input.dataset.jdate = "1";
    var hint = document.createElement("span");
    hint.className = "jdate-hint";
    hint.setAttribute("aria-live", "polite");
    hint.dataset.bad = document.documentElement.dataset.dateBad || "?";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "jdate-open";
    button.textContent = "▦";
    var labels = document.documentElement.dataset;
    button.setAttribute("aria-label", labels.datePick || "…");
    button.dataset.prev = labels.datePrev || "‹";
    button.dataset.next = labels.dateNext || "›";
    button.setAttribute("aria-expanded", "false");
    input.after(button, hint);
    input.addEventListener("input", function () { show(input, hint); });
    button.addEventListener("click", function () { grid(input, hint, button); });
    show(input, hint);
  }
  function scan(root) { (root.querySelectorAll ? root : document).querySelectorAll("input.jdate").forEach(enhance); }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (e) { scan(e.target.parentNode || document); });
})();
