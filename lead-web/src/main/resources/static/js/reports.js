// The dashboards' charts: each canvas[data-report-chart] carries its chart as JSON (labels, datasets) in data-chart;
// the same numbers are in the table under it.
(function () {
  function draw() {
    if (!window.Chart) { return; }
    document.querySelectorAll('canvas[data-report-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      canvas.dataset.drawn = 'true';
      var chart = JSON.parse(canvas.dataset.chart);
      new Chart(canvas, {
        type: chart.type,
        data: {labels: chart.labels, datasets: chart.datasets.map(function (d) {
          return {label: d.label, data: d.data, spanGaps: true, tension: 0.2};
        })},
        options: {animation: false, responsive: true, maintainAspectRatio: false,
          scales: {y: {beginAtZero: true}}}
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  document.addEventListener('htmx:afterSettle', draw);
})();
