// fzlog workbench: draws the dashboard's month-by-month chart from the JSON the page carries.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("chart");
    if (!box || typeof echarts === "undefined") return;
    var data = JSON.parse(document.getElementById(box.dataset.chartSource).textContent);
    var chart = echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      color: ["#b22222", "#2f5d8a", "#d98c1f", "#3c8d5a", "#7a4e9c", "#1f8a8a", "#a0522d", "#5b6b7a",
              "#c2185b", "#6d8b1f", "#3949ab", "#8d6e63", "#00897b", "#f4511e"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0, textStyle: { fontSize: 13 } },
      grid: { left: 40, right: 16, top: 56, bottom: 28 },
      xAxis: { type: "category", data: data.months, axisLabel: { fontSize: 13 } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 12 } },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", data: s.data, emphasis: { focus: "series" } };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    box.dataset.rendered = "1";
  }
  function autosubmit() {  // a year picked is a year shown: no extra button press
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }
  function start() { draw(); autosubmit(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
