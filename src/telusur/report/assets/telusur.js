// Draws every figure of the page with Plotly (served locally or inlined, never from a CDN).
// A figure's JSON sits in <script type="application/json" data-figure="ID">; a point whose
// customdata is a local address ("/..." or "#...") opens it on click: the fact's evidence.
(function () {
  function draw() {
    if (typeof Plotly === "undefined") { return; }
    document.querySelectorAll("script[data-figure]").forEach(function (holder) {
      var target = document.getElementById(holder.getAttribute("data-figure"));
      if (!target) { return; }
      var fig = JSON.parse(holder.textContent);
      Plotly.newPlot(target, fig.data, fig.layout, {displaylogo: false, responsive: true}).then(function () {
        target.setAttribute("data-rendered", "true");
        target.on("plotly_click", function (ev) {
          var where = ev.points && ev.points[0] && ev.points[0].customdata;
          if (typeof where === "string" && ((where.charAt(0) === "/" && where.charAt(1) !== "/") || where.charAt(0) === "#")) {
            window.location.assign(where);
          }
        });
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
