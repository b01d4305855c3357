/* The small map on a camera page: the point and, when known, its field of view drawn as a
   sector (bearing = centre direction clockwise from north, fov = opening angle, range in m). */
(function () {
  "use strict";
  var c = JSON.parse(document.getElementById("camera-map-config").textContent);
  var map = L.map("camera-map", { maxZoom: 20, attributionControl: Boolean(c.tiles && c.tiles.url) });
  if (c.tiles && c.tiles.url) {
    L.tileLayer(c.tiles.url, { attribution: c.tiles.attribution, maxZoom: 20 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  var R = 6371008.8;

  // The point `dist` metres from (lat, lon) in direction `bearing` (degrees from north).
  function destination(lat, lon, bearing, dist) {
    var rad = Math.PI / 180, d = dist / R, b = bearing * rad, p1 = lat * rad, l1 = lon * rad;
    var p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
    var l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
    return [p2 / rad, l2 / rad];
  }

  function sector(lat, lon, bearing, fov, range) {
    var points = [[lat, lon]], steps = Math.max(6, Math.ceil(fov / 5));
    for (var i = 0; i <= steps; i++) {
      points.push(destination(lat, lon, bearing - fov / 2 + (fov * i) / steps, range));
    }
    return points;
  }

  var style = { color: c.colour, weight: 1, fillColor: c.colour, fillOpacity: 0.2 };
  var bounds = L.latLngBounds([[c.lat, c.lon], [c.lat, c.lon]]);
  if (c.fov && c.range && c.bearing !== null) {
    var shape = c.fov >= 360 ? L.circle([c.lat, c.lon], L.extend({ radius: c.range }, style))
      : L.polygon(sector(c.lat, c.lon, c.bearing, c.fov, c.range), style);
    shape.addTo(map);
    bounds = shape.getBounds();
  }
  L.circleMarker([c.lat, c.lon], { radius: 7, color: "#fff", weight: 2, fillColor: c.colour, fillOpacity: 1 }).addTo(map);
  if (bounds.getNorth() === bounds.getSouth()) {
    map.setView([c.lat, c.lon], 18);
  } else {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 19 });
  }
})();
