// Live reload for `build.py serve`, loaded as a file so the preview keeps the site's Content-Security-Policy
// (MkDocs' own reload code is an inline script, which that policy refuses). It asks the preview server, which
// answers once the site has been rebuilt past the version this page shows, and then reloads the page.
(function () {
  var script = document.currentScript;
  var epoch = parseFloat(script.dataset.epoch);
  var requestId = script.dataset.request;
  var request, timer;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timer) clearTimeout(timer);
    request = timer = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
    else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
