/* The map of a placement plan: each planned camera's field of view as a sector (all-round
   cameras as a circle), coloured by the year it is bought; the Safety Zone's outline. The data
   comes from the page (json_script); no tile server is needed. */
(function () {
  "use strict";
  var M_PER_DEG = Math.PI * 6371008.8 / 180;
  // names come from users and uploaded files: a string tooltip is HTML to Leaflet, so pass a text node
  function text(value) { return document.createTextNode(String(value == null ? "" : value)); }

  function sector(lat, lon, bearing, fov, range) {
    var kx = 1 / (M_PER_DEG * Math.cos(lat * Math.PI / 180)), ky = 1 / M_PER_DEG;
    var pts = [[lat, lon]], steps = Math.max(2, Math.ceil(fov / 10));
    for (var i = 0; i <= steps; i++) {
      var a = (bearing - fov / 2 + fov * i / steps) * Math.PI / 180;
      pts.push([lat + Math.cos(a) * range * ky, lon + Math.sin(a) * range * kx]);
    }
    return pts;
  }

  var el = document.getElementById("plan-map"), conf = document.getElementById("plan-config");
  if (!el || !conf || !window.L) { return; }
  var c = JSON.parse(conf.textContent);
  var map = L.map(el, { minZoom: 5, maxZoom: 19, preferCanvas: true });
  if (c.tiles && c.tiles.url) {
    L.tileLayer(c.tiles.url, { attribution: c.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  if (c.zone) { L.polygon(c.zone, { color: "#444", weight: 2, fill: false, dashArray: "6 4" }).addTo(map); }
  (c.cameras || []).forEach(function (k) {
    var colour = c.colours[(k[5] - 1) % c.colours.length];
    var style = { color: colour, weight: 1, fillColor: colour, fillOpacity: 0.25 };
    var shape = k[3] >= 360 ? L.circle([k[0], k[1]], L.extend({ radius: k[4] }, style))
      : L.polygon(sector(k[0], k[1], k[2], k[3], k[4]), style);
    shape.bindTooltip(text(k[6])).addTo(map);
    L.circleMarker([k[0], k[1]], { radius: 3, color: colour, fillOpacity: 1 }).addTo(map);
  });
  if (c.bounds) { map.fitBounds(c.bounds, { padding: [30, 30] }); } else { map.fitBounds([[5.5, 97.3], [20.5, 105.7]]); }
  el.dataset.ready = "1";
}());
