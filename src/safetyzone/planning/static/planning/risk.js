/* Risk point maps (no tile server needed): the list's map of every filtered point (closed
   points greyed), a point's own map with the cameras linked to its measures, and the form's
   map where a click places the point and fills latitude and longitude. */
(function () {
  "use strict";
  var THAILAND = [[5.5, 97.3], [20.5, 105.7]];
  var COLOURS = { 1: "#d4a017", 2: "#e67e22", 3: "#c0392b", 4: "#7b1010" };
  var THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
  // names come from users and uploaded files: a string tooltip is HTML to Leaflet, so pass a text node
  function text(value) { return document.createTextNode(String(value == null ? "" : value)); }

  function readConfig(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function baseMap(el, config) {
    var map = L.map(el, { minZoom: 5, maxZoom: 19 });
    if (config.tiles && config.tiles.url) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    return map;
  }

  function style(p) {
    if (p.closed) {
      return { radius: 7, color: "#ffffff", weight: 1.5, fillColor: "#9e9e9e", fillOpacity: 0.55 };
    }
    return { radius: 6 + p.severity, color: "#ffffff", weight: 1.5, fillColor: COLOURS[p.severity] || "#555",
      fillOpacity: 0.95 };
  }

  function popup(p, config) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name;
    var line = document.createElement("div");
    line.textContent = p.category + (p.closed ? " · " + config.text.closed : "");
    box.append(title, line);
    if (config.detail_url) {
      var link = document.createElement("a");
      link.href = config.detail_url.replace("{id}", encodeURIComponent(p.id));
      link.textContent = config.text.open;
      box.append(link);
    }
    return box;
  }

  function drawPoints(map, config) {
    var bounds = [];
    (config.points || []).forEach(function (p) {
      L.circleMarker([p.lat, p.lon], style(p)).bindPopup(function () { return popup(p, config); })
        .bindTooltip(text(p.name)).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    (config.cameras || []).forEach(function (c) {
      L.circleMarker([c.lat, c.lon], { radius: 5, color: "#1565c0", fillOpacity: 0.8 }).bindTooltip(text(c.name)).addTo(map);
      bounds.push([c.lat, c.lon]);
    });
    return bounds;
  }

  function listMap(el, config) {
    var map = baseMap(el, config);
    var bounds = drawPoints(map, config);
    if (bounds.length === 1) { map.setView(bounds[0], 17); }
    else if (bounds.length) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 }); }
    else { map.fitBounds(config.extent || THAILAND); }
    el.dataset.ready = "1";
  }

  function number(text) {
    var s = String(text || "").trim().replace(/[๐-๙]/g, function (d) { return String(THAI_DIGITS.indexOf(d)); });
    return /^-?\d+(\.\d+)?$/.test(s) ? parseFloat(s) : NaN;
  }

  function formMap(el, config) {
    var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
    var map = baseMap(el, config);
    var marker = null;
    function place(la, lo) {
      if (marker) { marker.setLatLng([la, lo]); return; }
      marker = L.marker([la, lo], { draggable: true }).addTo(map);
      marker.on("dragend", function () {
        var ll = marker.getLatLng();
        lat.value = ll.lat.toFixed(6);
        lon.value = ll.lng.toFixed(6);
      });
    }
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng.lat, e.latlng.lng);
    });
    function typed() {
      var la = number(lat.value), lo = number(lon.value);
      if (!isNaN(la) && !isNaN(lo)) { place(la, lo); map.panTo([la, lo]); }
    }
    [lat, lon].forEach(function (input) { input.addEventListener("change", typed); });
    var la = number(lat.value), lo = number(lon.value);
    if (!isNaN(la) && !isNaN(lo)) { place(la, lo); map.setView([la, lo], 17); }
    else { map.fitBounds(config.extent || THAILAND, { maxZoom: 15 }); }
    var here = document.getElementById("risk-here");
    if (here && navigator.geolocation) {
      here.hidden = false;
      here.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lon.value = pos.coords.longitude.toFixed(6);
          place(pos.coords.latitude, pos.coords.longitude);
          map.setView([pos.coords.latitude, pos.coords.longitude], 17);
        });
      });
    }
    el.dataset.ready = "1";
  }

  if (!window.L) { return; }
  var config = readConfig("risk-map-config");
  var el = document.getElementById("risk-map");
  if (el && config) {
    if (el.dataset.mode === "form") { formMap(el, config); } else { listMap(el, config); }
  }
}());
