/* outcrop: after MathJax typesets a page, the links inside a formula (\eqref, \href) are
   taken out of the tab order. MathJax hides the drawn formula from screen readers
   (aria-hidden) and gives them its MathML instead, so a focusable link in the drawing
   would be a stop that announces nothing (axe: aria-hidden-focus). The formula itself
   stays focusable, and its menu reads it. Runs after the page's MathJax configuration,
   before MathJax loads (deferred). */
(function () {
  var config = (window.MathJax = window.MathJax || {});
  var startup = (config.startup = config.startup || {});
  var ready = startup.pageReady;
  startup.pageReady = function () {
    var done = ready ? ready() : window.MathJax.startup.defaultPageReady();
    return Promise.resolve(done).then(function () {
      document.querySelectorAll("mjx-container mjx-math[aria-hidden] a[href]").forEach(function (link) {
        link.setAttribute("tabindex", "-1");
      });
    });
  };
})();
