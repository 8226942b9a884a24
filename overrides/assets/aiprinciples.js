// Copy-link buttons, and the language switcher keeping the reader on the same point.
(function () {
  "use strict";

  // Copy the permalink of a point (data-link) or a citation (data-copy: the id of its <pre>);
  // fall back to a prompt showing it when the clipboard is unavailable.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".ap-copy") : null;
    if (!button) return;
    var source = button.hasAttribute("data-copy") ? document.getElementById(button.getAttribute("data-copy")) : null;
    var link = source ? source.textContent : button.getAttribute("data-link");
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      button.setAttribute("data-state", "copied");
      setTimeout(function () { button.textContent = label; button.removeAttribute("data-state"); }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, function () { window.prompt("", link); });
    } else {
      window.prompt("", link);
    }
  });

  // Share buttons: shown only where the browser offers its share sheet; they share the point's share page.
  if (navigator.share) {
    document.querySelectorAll(".ap-share").forEach(function (button) { button.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest(".ap-share") : null;
      if (!button) return;
      navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-link") }).catch(function () {});
    });
  }

  // Language links to the same page carry the current anchor (#win-1-3) along.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.ap-lang-link") : null;
    if (!link || !window.location.hash) return;
    var url = new URL(link.href, window.location.href);
    if (!url.hash) {
      url.hash = window.location.hash;
      link.href = url.toString();
    }
  }, true);
})();
