// Draws each figure of the page: a div.plot names the script element holding its Plotly JSON
// in data-figure. A plot that drew has Plotly's .main-svg inside; it is then marked
// data-drawn="true", and the body gets data-plots-drawn (how many) and data-report-done.
(function () {
  var state = window.sparktuneReport;
  // Errors recorded before the list was in the page.
  state.flush();
  var plots = Array.prototype.slice.call(document.querySelectorAll('div.plot'));
  var drawn = 0;
  var config = { responsive: true, displaylogo: false };
  var pending = plots.map(function (div) {
    try {
      var figure = JSON.parse(document.getElementById(div.dataset.figure).textContent);
      return Promise.resolve(Plotly.newPlot(div, figure.data, figure.layout, config))
        .then(function () {
          if (div.querySelector('.main-svg')) {
            div.dataset.drawn = 'true';
            drawn++;
          } else {
            state.record('plot ' + div.id + ' has no .main-svg after drawing');
          }
        }, function (e) {
          state.record('plot ' + div.id + ' failed: ' + e);
        });
    } catch (e) {
      state.record('plot ' + div.id + ' failed: ' + e);
      return Promise.resolve();
    }
  });
  Promise.all(pending).then(function () {
    document.body.dataset.plotsExpected = String(plots.length);
    document.body.dataset.plotsDrawn = String(drawn);
    document.body.dataset.reportDone = 'true';
  });
})();
