/* Maps of the road file page (streets coloured by class) and of the coverage page (demand
   points coloured by uncovered weight or 100 m squares, the cameras' field-of-view sectors,
   risk points). The data comes from the page (json_script); no tile server is needed. */
(function () {
  "use strict";
  var M_PER_DEG = Math.PI * 6371008.8 / 180;
  // names come from users and uploaded files: a string tooltip is HTML to Leaflet, so pass a text node
  function text(value) { return document.createTextNode(String(value == null ? "" : value)); }

  function baseMap(el, config) {
    var map = L.map(el, { minZoom: 5, maxZoom: 19, preferCanvas: true });
    if (config.tiles && config.tiles.url) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    return map;
  }

  function fit(map, bounds) {
    if (bounds && bounds.isValid && bounds.isValid()) { map.fitBounds(bounds); }
    else { map.fitBounds([[5.5, 97.3], [20.5, 105.7]]); }
  }

  // Yellow (light) to dark red (heavy) by the share of the heaviest weight.
  function heat(share) {
    var s = Math.max(0, Math.min(1, share));
    var r = Math.round(251 - 68 * s), g = Math.round(192 - 164 * s), b = Math.round(45 - 17 * s);
    return "rgb(" + r + "," + g + "," + b + ")";
  }

  // A camera's sector as a polygon: apex, arc points every ~10 degrees (all round: a circle).
  function sector(lat, lon, bearing, fov, range) {
    var kx = 1 / (M_PER_DEG * Math.cos(lat * Math.PI / 180)), ky = 1 / M_PER_DEG;
    if (bearing === null || fov === null || fov >= 360) { return null; }
    var pts = [[lat, lon]], steps = Math.max(2, Math.ceil(fov / 10));
    for (var i = 0; i <= steps; i++) {
      var a = (bearing - fov / 2 + fov * i / steps) * Math.PI / 180;
      pts.push([lat + Math.cos(a) * range * ky, lon + Math.sin(a) * range * kx]);
    }
    return pts;
  }

  var roadEl = document.getElementById("road-map"), roadConf = document.getElementById("road-config");
  if (roadEl && roadConf && window.L) {
    var rc = JSON.parse(roadConf.textContent), rmap = baseMap(roadEl, rc), rb = L.latLngBounds([]);
    rc.segments.forEach(function (s) {
      var line = L.polyline(s[2], { color: rc.colours[s[0]] || "#555", weight: s[0] === "main" ? 4 : (s[0] === "lane" ? 2 : 3) });
      if (s[1]) { line.bindTooltip(text(s[1])); }
      line.addTo(rmap);
      rb.extend(line.getBounds());
    });
    fit(rmap, rb);
    roadEl.dataset.ready = "1";
  }

  var covEl = document.getElementById("coverage-map"), covConf = document.getElementById("coverage-config");
  if (covEl && covConf && window.L) {
    var c = JSON.parse(covConf.textContent), map = baseMap(covEl, c);
    (c.cameras || []).forEach(function (k) {
      var poly = sector(k[0], k[1], k[2], k[3], k[4]);
      var style = { color: "#1565c0", weight: 1, fillOpacity: 0.15 };
      if (poly) { L.polygon(poly, style).addTo(map); } else { L.circle([k[0], k[1]], L.extend({ radius: k[4] }, style)).addTo(map); }
      L.circleMarker([k[0], k[1]], { radius: 3, color: "#1565c0", fillOpacity: 1 }).addTo(map);
    });
    var max = c.max_weight || 1;
    (c.points || []).forEach(function (p) {
      var colour = p[3] ? "#2e7d32" : heat(p[2] / max);
      L.circleMarker([p[0], p[1]], { radius: p[3] ? 2 : 4, stroke: false, fillColor: colour, fillOpacity: 0.9 })
        .bindTooltip(String(p[2])).addTo(map);
    });
    var half = (c.cell_m || 100) / 2, cmax = c.max_cell || 1;
    (c.cells || []).forEach(function (q) {
      var dy = half / M_PER_DEG, dx = half / (M_PER_DEG * Math.cos(q[0] * Math.PI / 180));
      L.rectangle([[q[0] - dy, q[1] - dx], [q[0] + dy, q[1] + dx]], { stroke: false, fillColor: heat(q[2] / cmax), fillOpacity: 0.7 })
        .bindTooltip(String(q[2])).addTo(map);
    });
    (c.risks || []).forEach(function (r) {
      L.circleMarker([r[0], r[1]], { radius: 6, color: "#6a1b9a", weight: 2, fillOpacity: 0.2 }).bindTooltip(text(r[2])).addTo(map);
    });
    fit(map, c.bounds ? L.latLngBounds(c.bounds) : null);
    covEl.dataset.ready = "1";
  }
}());
