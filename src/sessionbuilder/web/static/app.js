// Served by the app itself (the Content-Security-Policy allows no other script). Everything works
// without it; it only moves focus to a form's error summary, as the GOV.UK pattern asks.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});
