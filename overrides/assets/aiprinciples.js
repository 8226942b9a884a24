// Copy-link buttons, and the language switcher keeping the reader on the same point.
(function () {
  "use strict";

  // Material fetches sitemap.xml beside every <link rel="alternate"> (the hreflang links) to
  // steer its language switch; ours links each language directly, so those requests are
  // never sent (no such files exist: a sitemap is only at the root of a language).
  // This script runs before DOMContentLoaded, when Material starts those requests.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.apSkipped = /\/sitemap\.xml$/.test(new URL(String(url), document.baseURI).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.apSkipped) return;  // never sent: Material waits for an answer that does not come, and keeps the plain links
    return send.apply(this, arguments);
  };

  // Notices are open from a tablet's width (the stylesheet shows them so before this runs); a phone
  // shows their titles until the reader opens one. Material opens every <details> for printing.
  var wide = window.matchMedia("(min-width: 45em)");
  var sizeNotices = function () {
    document.querySelectorAll(".ap-notice__details").forEach(function (details) { details.open = wide.matches; });
  };
  sizeNotices();
  if (wide.addEventListener) wide.addEventListener("change", sizeNotices);

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
