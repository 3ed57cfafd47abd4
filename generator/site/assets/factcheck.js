// Highlight every part of the cited span named in the URL fragment, including
// parts split by overlapping citations. No inline handlers: this file is the whole script.
(function () {
  "use strict";
  function mark() {
    var old = document.querySelectorAll("mark.fc-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("fc-target");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || id.indexOf("q-") !== 0) return;
    var parts = document.querySelectorAll("mark.fc-hl");
    for (var j = 0; j < parts.length; j++) {
      var cites = (parts[j].getAttribute("data-cites") || "").split(" ");
      if (cites.indexOf(id) >= 0) parts[j].classList.add("fc-target");
    }
  }
  window.addEventListener("hashchange", mark);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark);
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();
