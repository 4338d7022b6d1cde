// Records every script error and rejected promise of the page before anything else runs, so a
// reader (or a test in a headless browser) sees in #report-errors whether the page worked.
window.sparktuneReport = { errors: [], listed: 0 };
(function () {
  var state = window.sparktuneReport;
  // Lists in #report-errors, once it is in the page, the errors not listed yet.
  state.flush = function () {
    var list = document.getElementById('report-errors');
    if (!list) {
      return;
    }
    for (; state.listed < state.errors.length; state.listed++) {
      var item = document.createElement('li');
      item.textContent = state.errors[state.listed];
      list.appendChild(item);
      list.hidden = false;
    }
  };
  state.record = function (message) {
    state.errors.push(String(message));
    state.flush();
  };
  window.addEventListener('error', function (e) {
    state.record((e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno
      : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    state.record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message
      : e.reason));
  });
})();
