/* The DIN as a network (koers.din): choosing a box highlights what it is connected to.
 *
 * An effort highlights the goals it serves, a goal the efforts serving it, a track box (large
 * programmes) the goals its efforts serve; the lines between them too. The first click on a
 * box chooses it (the second follows its link); Tab to a box chooses it, Enter follows the
 * link, Escape clears the choice. A live region says in words what is connected. No framework,
 * nothing from a CDN; without this script every box is an ordinary link. */
(function () {
  "use strict";
  var figure = document.querySelector(".din-figure");
  var svg = figure && figure.querySelector("svg.din-diagram");
  if (!svg) { return; }
  var live = document.getElementById("din-announce");
  var links = {};  // node id -> [[other node id, edge element], ...]

  Array.prototype.forEach.call(svg.querySelectorAll("g.edge.din-link"), function (edge) {
    var ends = edge.id.replace(/^l-/, "").split("--");
    if (ends.length !== 2) { return; }
    (links[ends[0]] = links[ends[0]] || []).push([ends[1], edge]);
    (links[ends[1]] = links[ends[1]] || []).push([ends[0], edge]);
  });

  function name(node) {
    var a = node.querySelector("a");
    var title = a && (a.getAttribute("xlink:title") || a.getAttribute("title")) || node.id;
    return title.split(" — ")[0];
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  var selected = null;

  function clear() {
    selected = null;
    svg.classList.remove("din-has-selection");
    Array.prototype.forEach.call(svg.querySelectorAll(".din-selected, .din-related"), function (el) {
      el.classList.remove("din-selected", "din-related");
    });
    if (live) { live.textContent = ""; }
  }

  function choose(node) {
    clear();
    selected = node;
    svg.classList.add("din-has-selection");
    node.classList.add("din-selected");
    var names = [];
    (links[node.id] || []).forEach(function (pair) {
      var other = svg.getElementById ? svg.getElementById(pair[0]) : document.getElementById(pair[0]);
      pair[1].classList.add("din-related");
      if (other) {
        other.classList.add("din-related");
        names.push(name(other));
      }
    });
    var kind = node.classList.contains("din-effort") ? "effort"
      : node.classList.contains("din-goal") ? "goal"
      : node.classList.contains("din-track-node") ? "track" : "";
    var text = "";
    var d = figure.dataset;
    if (kind === "effort") {
      text = names.length ? fill(d.effortText, {name: name(node), goals: names.join(", ")})
        : fill(d.effortNone, {name: name(node)});
    } else if (kind === "goal") {
      text = names.length ? fill(d.goalText, {name: name(node), efforts: names.join(", ")})
        : fill(d.goalNone, {name: name(node)});
    } else if (kind === "track") {
      text = fill(d.trackText, {name: name(node), goals: names.join(", ")});
    } else {
      text = name(node);
    }
    if (live) { live.textContent = text + " " + d.openText; }
  }

  function nodeOf(target) {
    var el = target;
    while (el && el !== svg) {
      if (el.classList && el.classList.contains("node")) { return el; }
      el = el.parentNode;
    }
    return null;
  }

  // A mouse press focuses the link before the click: let the click do the choosing then, so
  // the first click chooses and only the second one follows the link.
  var pressing = false;
  svg.addEventListener("mousedown", function () { pressing = true; });
  svg.addEventListener("click", function (event) {
    pressing = false;
    var node = nodeOf(event.target);
    if (!node) { clear(); return; }
    if (node !== selected && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      choose(node);
    }
  });
  svg.addEventListener("focusin", function (event) {
    var node = nodeOf(event.target);
    if (node && node !== selected && !pressing) { choose(node); }
  });
  document.addEventListener("keydown", function (event) {
    pressing = false;
    if (event.key === "Escape" && selected) { clear(); }
  });
})();
