/* Ledenpanel: accessible enhancements of the answering page.
 *
 * Progressive: without this script every question still works as a plain
 * form (a position per option, a number per option). With it:
 * - ranking gets "Omhoog"/"Omlaag" buttons next to each option; a move
 *   reorders the rows, renumbers every position and is announced politely
 *   (no drag and drop: keyboard and screen reader first);
 * - points gets a running total "Nog te verdelen: N" in a polite status region.
 * All texts come translated from data-* attributes in the template.
 * No inline script or style (strict CSP): loaded with <script src defer>.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function say(region, message) {
    if (!region) return;
    // Clear first, so the same message twice is announced twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  /* --- Ranking ------------------------------------------------------- */

  function enhanceRanking(fieldset) {
    var data = fieldset.dataset;
    var announce = fieldset.querySelector("[data-role=announce]");
    var original = Array.prototype.slice.call(fieldset.querySelectorAll(".rank-row"));

    function rows() {
      return Array.prototype.slice.call(fieldset.querySelectorAll(".rank-row"));
    }
    function select(row) { return row.querySelector("select"); }
    function name(row) { return row.querySelector("label").textContent.trim(); }
    function position(row) {
      var value = parseInt(select(row).value, 10);
      return isNaN(value) ? Infinity : value;
    }

    // Rows follow their positions (unplaced ones after, in their own order).
    function sortRows() {
      var sorted = rows().sort(function (a, b) {
        return (position(a) - position(b)) || (original.indexOf(a) - original.indexOf(b));
      });
      var anchor = announce;
      sorted.forEach(function (row) { fieldset.insertBefore(row, anchor); });
    }
    function renumber() {
      rows().forEach(function (row, index) { select(row).value = String(index + 1); });
    }

    function button(direction, label, row) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "rank-move";
      b.dataset.direction = direction;
      var arrow = document.createElement("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = direction === "up" ? "\u2191 " : "\u2193 ";
      b.appendChild(arrow);
      b.appendChild(document.createTextNode(label));
      // The name starts with the visible text (WCAG 2.5.3) and says which option.
      b.setAttribute("aria-label", label + ": " + name(row));
      return b;
    }

    original.forEach(function (row) {
      var controls = document.createElement("span");
      controls.className = "rank-controls";
      controls.appendChild(button("up", data.labelUp, row));
      controls.appendChild(button("down", data.labelDown, row));
      row.appendChild(controls);
    });
    sortRows();

    fieldset.addEventListener("click", function (event) {
      var target = event.target.closest("button.rank-move");
      if (!target) return;
      var row = target.closest(".rank-row");
      sortRows();
      var list = rows();
      var index = list.indexOf(row);
      var up = target.dataset.direction === "up";
      var values = { option: name(row), count: list.length };
      if (up && index === 0) {
        say(announce, fill(data.msgTop, values));
      } else if (!up && index === list.length - 1) {
        say(announce, fill(data.msgBottom, values));
      } else {
        if (up) fieldset.insertBefore(row, list[index - 1]);
        else fieldset.insertBefore(row, list[index + 1].nextSibling);
        values.position = index + (up ? 0 : 2);
        say(announce, fill(data.msgMoved, values));
      }
      renumber();
      target.focus(); // moving a row in the DOM may drop focus
    });
    // A position chosen in a list reorders nothing until a button is used:
    // rows jumping away under the keyboard would be disorienting.
  }

  /* --- Points -------------------------------------------------------- */

  function enhancePoints(fieldset) {
    var data = fieldset.dataset;
    var total = parseInt(data.total, 10) || 0;
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=number]"));
    var status = fieldset.querySelector("[data-role=points-left]");
    if (!status) return;
    var timer = null;

    function left() {
      var sum = 0;
      inputs.forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (!isNaN(value) && value > 0) sum += value;
      });
      return total - sum;
    }
    function update() {
      var remaining = left();
      var text;
      if (remaining > 0) text = fill(data.msgLeft, { n: remaining });
      else if (remaining === 0) text = data.msgDone;
      else text = fill(data.msgOver, { n: -remaining });
      status.textContent = text;
      status.classList.toggle("is-over", remaining < 0);
    }

    inputs.forEach(function (input) {
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", (described ? described + " " : "") + status.id);
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(update, 250); // fewer announcements while typing
      });
    });
    update();
  }

  function init() {
    document.querySelectorAll("[data-widget=ranking]").forEach(enhanceRanking);
    document.querySelectorAll("[data-widget=points]").forEach(enhancePoints);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
