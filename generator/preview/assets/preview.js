// The preview's live reload: when a build ends, well or not, the page reloads to show the
// new site or the errors that stopped it. It is a file of the site's own origin, which the
// pages' Content-Security-Policy allows (MkDocs' inline reload script it refuses).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var seen = script.getAttribute("data-generation");
  var wait = script.src.replace(/preview\.js(?:\?.*)?$/, "wait?after=") + seen;

  function poll() {
    fetch(wait, { cache: "no-store" }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (now) {
      if (now.trim() !== seen) {
        location.reload();
      } else {
        poll();
      }
    }).catch(function () {
      setTimeout(poll, 2000); // the server is restarting or gone: try again
    });
  }

  poll();
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-fc-preview-hide]")) {
      var box = document.getElementById("fc-preview-errors");
      if (box) {
        box.hidden = true;
      }
    }
  });
})();
