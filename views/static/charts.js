// Starts every chart on the page: from its data-option attribute (JSON the
// server escaped into the attribute) or, for large charts, from the JSON at
// its data-src. No page needs inline script, so the Content Security Policy
// can forbid it.
(function () {
  'use strict';
  var charts = [];
  function draw(el, option) {
    // The height the server chose for the chart's rows (an inline style
    // attribute would be refused by the Content Security Policy).
    var h = parseInt(el.getAttribute('data-height'), 10);
    if (h > 0) { el.style.height = h + 'px'; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    el.setAttribute('data-ready', '1');
    charts.push(chart);
  }
  function fail(el) { el.textContent = el.getAttribute('data-error') || '图表数据有误'; el.setAttribute('data-ready', 'error'); }
  function start() {
    document.querySelectorAll('.chart').forEach(function (el) {
      var inline = el.getAttribute('data-option');
      if (inline) {
        try { draw(el, JSON.parse(inline)); } catch (e) { fail(el); }
        return;
      }
      var src = el.getAttribute('data-src');
      if (!src) { return; }
      fetch(src, { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (option) { draw(el, option); })
        .catch(function () { fail(el); });
    });
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
