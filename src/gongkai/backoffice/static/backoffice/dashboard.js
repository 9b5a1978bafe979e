/* Draws the dashboard's charts with Apache ECharts from the same data as the tables in the page.
   Without JavaScript (or without ECharts) the tables remain; nothing depends on this file. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) { return; }
  var charts = JSON.parse(source.textContent);
  var instances = [];
  charts.forEach(function (chart) {
    var box = document.querySelector('[data-chart="' + chart.key + '"]');
    if (!box || !chart.rows.length) { return; }
    box.hidden = false;
    var categories = chart.rows.map(function (row) { return row[0]; });
    var series = [];
    // Counts on the left; percentages (0-100) on the right. A working-days chart has its own left axis.
    var yAxis = [{ type: "value", name: chart.days.length ? chart.axes.days : chart.axes.count,
                   minInterval: chart.days.length ? 0 : 1 }];
    if (chart.lines.length) {
      yAxis.push({ type: "value", name: "%", min: 0, max: 100, splitLine: { show: false } });
    }
    chart.bars.forEach(function (i) {
      series.push({ name: chart.columns[i], type: "bar", yAxisIndex: 0, barMaxWidth: 36,
                    data: chart.rows.map(function (row) { return row[i]; }) });
    });
    chart.lines.forEach(function (i) {
      series.push({ name: chart.columns[i], type: "line", yAxisIndex: 1, connectNulls: true,
                    data: chart.rows.map(function (row) { return row[i]; }) });
    });
    chart.days.forEach(function (i) {
      series.push({ name: chart.columns[i], type: "line", yAxisIndex: 0, connectNulls: true,
                    data: chart.rows.map(function (row) { return row[i]; }) });
    });
    var instance = window.echarts.init(box, null, { renderer: "svg" });
    instance.setOption({
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 56, bottom: categories.length > 12 ? 90 : 40 },
      xAxis: { type: "category", data: categories,
               axisLabel: { interval: 0, rotate: categories.length > 12 ? 45 : 0 } },
      yAxis: yAxis,
      series: series
    });
    instances.push(instance);
  });
  window.addEventListener("resize", function () { instances.forEach(function (c) { c.resize(); }); });
}());
