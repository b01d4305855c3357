/* The hotspot map: the kernel density as an image drawn from a compact grid (one byte per
   cell, deflated, base64) and the significant Getis-Ord Gi* cells as rectangles on a canvas
   renderer. Works without a tile server. */
(function () {
  "use strict";
  var el = document.getElementById("hotspot-map");
  var configEl = document.getElementById("hotspot-config");
  if (!el || !configEl || !window.L) { return; }
  var config = JSON.parse(configEl.textContent);
  var grid = config.map || {};
  var map = L.map(el, { minZoom: 5, maxZoom: 19, preferCanvas: true });
  if (config.tiles && config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  if (!grid.bounds) {
    map.fitBounds([[5.5, 97.3], [20.5, 105.7]]);
    el.dataset.ready = "1";
    return;
  }
  var south = grid.bounds[0][0], west = grid.bounds[0][1];
  var dlat = (grid.bounds[1][0] - south) / grid.ny, dlon = (grid.bounds[1][1] - west) / grid.nx;
  map.fitBounds(grid.bounds);

  // colour ramp: transparent yellow -> orange -> dark red
  function colour(v) {
    var t = v / 255;
    var r = 255 - Math.round(72 * Math.max(0, t - 0.5) * 2);
    var g = t < 0.5 ? Math.round(235 - (235 - 152) * t * 2) : Math.round(152 - (152 - 28) * (t - 0.5) * 2);
    var b = t < 0.5 ? Math.round(59 * (1 - t * 2)) : Math.round(28 * (t - 0.5) * 2);
    return [r, g, b, Math.round(60 + 160 * t)];
  }

  function drawDensity(bytes) {
    var canvas = document.createElement("canvas");
    canvas.width = grid.nx;
    canvas.height = grid.ny;
    var ctx = canvas.getContext("2d");
    var image = ctx.createImageData(grid.nx, grid.ny);
    for (var row = 0; row < grid.ny; row++) {
      for (var col = 0; col < grid.nx; col++) {
        var v = bytes[row * grid.nx + col];
        if (!v) { continue; }
        var c = colour(v), at = ((grid.ny - 1 - row) * grid.nx + col) * 4;  // row 0 is the south
        image.data[at] = c[0]; image.data[at + 1] = c[1]; image.data[at + 2] = c[2]; image.data[at + 3] = c[3];
      }
    }
    ctx.putImageData(image, 0, 0);
    var overlay = L.imageOverlay(canvas.toDataURL(), grid.bounds, { opacity: 0.75, className: "density-layer" });
    overlay.addTo(map);
    overlay.bringToBack();
    el.dataset.density = "1";
  }

  function inflate(b64) {
    var raw = Uint8Array.from(atob(b64), function (ch) { return ch.charCodeAt(0); });
    if (!window.DecompressionStream) { return Promise.reject(new Error("no DecompressionStream")); }
    var stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (buf) { return new Uint8Array(buf); });
  }

  var colours = { "3": "#b2182b", "2": "#ef8a62", "1": "#fddbc7", "-1": "#d1e5f0", "-2": "#67a9cf", "-3": "#2166ac" };
  var renderer = L.canvas({ padding: 0.2 });
  var cells = L.layerGroup().addTo(map);
  (grid.cells || []).forEach(function (cell) {
    var row = cell[0], col = cell[1], level = String(cell[2]);
    var bounds = [[south + row * dlat, west + col * dlon], [south + (row + 1) * dlat, west + (col + 1) * dlon]];
    L.rectangle(bounds, { renderer: renderer, weight: 0.5, color: "#555", fillColor: colours[level], fillOpacity: 0.7 })
      .bindTooltip((config.labels[level] || "") + " · " + cell[3] + " · z " + cell[4])
      .addTo(cells);
  });
  el.dataset.cells = String((grid.cells || []).length);
  inflate(grid.density).then(drawDensity).catch(function () { el.dataset.density = "0"; })
    .then(function () { el.dataset.ready = "1"; });
})();
