/* Safety Zone maps (our own code on Leaflet, no plugin).
   mode "draw": click the map to add a corner, drag a corner to move it, "undo" removes the last
   corner, "close" shows the closed shape, "clear" starts again; the corners are written to the
   hidden #id_polygon as [[lat, lon], ...] after every change, so a refused drawing comes back
   from the server as it was and can be fixed.
   mode "point": a click fills #id_lat / #id_lon (a new patrol point).
   Otherwise the zone, risk points (red) and patrol points (blue) are shown. Works without tiles. */
(function () {
  "use strict";
  var el = document.getElementById("zone-map");
  var configEl = document.getElementById("zone-config");
  if (!el || !configEl || !window.L) { return; }
  var config = JSON.parse(configEl.textContent);
  var map = L.map(el, { minZoom: 5, maxZoom: 19 });
  if (config.tiles && config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  // names are typed by users (other organisations' risk points too): a string tooltip is HTML
  // to Leaflet, so pass a text node
  function text(value) { return document.createTextNode(String(value == null ? "" : value)); }
  (config.risk || []).forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 5, color: "#b3261e", fillOpacity: 0.8 }).bindTooltip(text(p.label)).addTo(map);
  });
  (config.patrol || []).forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 7, color: "#1565c0", fillOpacity: 0.9 }).bindTooltip(text(p.label)).addTo(map);
  });

  function parse(value) {
    if (Array.isArray(value)) { return value; }
    try { var v = JSON.parse(value || "[]"); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  function fit(points) {
    if (points.length) { map.fitBounds(points, { padding: [20, 20] }); }
    else if (config.extent) { map.fitBounds(config.extent, { padding: [20, 20] }); }
    else { map.fitBounds([[5.5, 97.3], [20.5, 105.7]]); }
  }

  if (config.mode !== "draw") {
    var ring = parse(config.polygon);
    if (ring.length) { L.polygon(ring, { color: "#1e7a3c", weight: 2, fillOpacity: 0.12 }).addTo(map); }
    fit(ring);
    if (config.mode === "point") {
      var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon"), marker = null;
      map.on("click", function (e) {
        if (!lat || !lon) { return; }
        lat.value = e.latlng.lat.toFixed(6);
        lon.value = e.latlng.lng.toFixed(6);
        if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
      });
    }
    el.dataset.ready = "1";
    return;
  }

  var input = document.getElementById("id_polygon");
  var status = document.getElementById("draw-status");
  var texts = document.getElementById("zone-texts");
  var corners = [];   // L.marker per corner
  var closed = false;
  var outline = L.polyline([], { color: "#1e7a3c", weight: 2 }).addTo(map);
  var shape = L.polygon([], { color: "#1e7a3c", weight: 2, fillOpacity: 0.15 });
  var handle = L.divIcon({ className: "zone-corner", iconSize: [12, 12] });

  function points() { return corners.map(function (m) { var p = m.getLatLng(); return [p.lat, p.lng]; }); }
  function redraw() {
    var pts = points();
    outline.setLatLngs(closed ? [] : pts);
    shape.setLatLngs(closed ? pts : []);
    if (closed && !map.hasLayer(shape)) { shape.addTo(map); }
    input.value = pts.length ? JSON.stringify(pts.map(function (p) {
      return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
    })) : "";
    if (status && texts) {
      status.textContent = texts.dataset.corners.replace("%(n)s", pts.length) + (closed ? " · " + texts.dataset.closed : "");
    }
  }
  function add(latlng) {
    var m = L.marker(latlng, { draggable: true, icon: handle, keyboard: false }).addTo(map);
    m.on("drag", redraw);
    corners.push(m);
  }
  map.on("click", function (e) { add(e.latlng); redraw(); });
  document.getElementById("draw-tools").addEventListener("click", function (e) {
    var action = e.target.dataset ? e.target.dataset.action : null;
    if (action === "undo" && corners.length) { map.removeLayer(corners.pop()); closed = closed && corners.length >= 3; }
    if (action === "close" && corners.length >= 3) { closed = true; }
    if (action === "clear") { corners.forEach(function (m) { map.removeLayer(m); }); corners = []; closed = false; }
    redraw();
  });
  var start = parse(input.value);
  start.forEach(function (p) { if (p && p.length === 2) { add(L.latLng(p[0], p[1])); } });
  closed = corners.length >= 3;
  redraw();
  fit(start.filter(function (p) { return p && p.length === 2; }));
  el.dataset.ready = "1";
})();
