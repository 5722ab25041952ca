// Build a session: when a choice changes, post the form for a preview and put the new running
// order and counts in place, without reloading. Without this script the "Show the running order"
// button does the same with a reload. Files are left out of previews (they change nothing there).
"use strict";
(function () {
  var form = document.querySelector("form[data-live-preview]");
  if (!form || !window.fetch || !window.DOMParser) { return; }
  var preview = document.getElementById("preview");
  var timer = null, latest = 0;

  function refresh() {
    var data = new FormData(form);
    data.delete("template");
    data.delete("logo");
    data.set("action", "preview");
    var ticket = ++latest;
    preview.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin",
                         headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (ticket !== latest) { return; }
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("preview");
        if (fresh) {
          var summary = page.querySelector("[data-error-summary]");
          if (summary) {
            summary.removeAttribute("autofocus");
            summary.removeAttribute("data-error-summary");
            fresh.insertBefore(summary, fresh.firstChild);
          }
          preview.innerHTML = fresh.innerHTML;
        }
        page.querySelectorAll("[data-count]").forEach(function (count) {
          var here = form.querySelector('[data-count="' + count.getAttribute("data-count") + '"]');
          if (here) { here.textContent = count.textContent; }
        });
      })
      .catch(function () { /* the button still works */ })
      .then(function () { if (ticket === latest) { preview.removeAttribute("aria-busy"); } });
  }

  function soon(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  form.addEventListener("change", function (event) {
    if (event.target.type !== "file") { soon(150); }
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") { soon(600); }
  });
}());
