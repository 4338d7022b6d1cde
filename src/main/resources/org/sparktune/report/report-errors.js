// Records every script error and rejected promise of the page before anything else runs, so a
// reader (or a test in a headless browser) sees in #report-errors whether the page worked.
window.sparktuneReport = { errors: [] };
(function () {
  function record(message) {
    window.sparktuneReport.errors.push(String(message));
    var list = document.getElementById('report-errors');
    if (list) {
      var item = document.createElement('li');
      item.textContent = String(message);
      list.appendChild(item);
      list.hidden = false;
    }
  }
  window.sparktuneReport.record = record;
  window.addEventListener('error', function (e) {
    record((e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });
})();
