// The score history chart on the lead page: data comes from the canvas's data attributes (JSON).
(function () {
  function draw() {
    var canvas = document.getElementById('score-history');
    if (!canvas || !window.Chart || canvas.dataset.drawn) { return; }
    canvas.dataset.drawn = 'true';
    var chart = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: 'line',
      data: {labels: chart.labels, datasets: [
        {label: canvas.dataset.fitLabel, data: chart.fit, stepped: true, fill: true},
        {label: canvas.dataset.engagementLabel, data: chart.engagement, stepped: true, fill: true}]},
      options: {animation: false, scales: {y: {stacked: true, beginAtZero: true}}}
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  document.addEventListener('htmx:afterSettle', draw);
})();
