/* Wizard enhancements on top of htmx. Everything works without this file.
   After the results are swapped in (priorities changed, sort chosen), focus moves to the
   results heading so keyboard and screen-reader users land on the new content; the status
   line above (role=status) announces the count. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var target = (config && config.target) || (event.detail && event.detail.target);
    if (!target || target.id !== "results") { return; }
    var heading = document.getElementById("results-heading");
    if (heading) { heading.focus(); }
  });
})();
