/* The camera map: asks the server for clusters (or single cameras) in the current view.
   The server groups cameras in a grid, so the browser never gets more than a few hundred
   markers even with a million cameras. Works with no tile server (plain background). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var statusLine = document.getElementById("map-status");
  var THAILAND = [[5.5, 97.3], [20.5, 105.7]];
  var map = L.map("camera-map-big", { minZoom: 5, maxZoom: 19, preferCanvas: true });
  if (config.tiles && config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  var layer = L.layerGroup().addTo(map);
  var pending = null;

  function colour(status) {
    var item = config.statuses[status];
    return item ? item.colour : "#555";
  }

  // The filters applied to the page (the URL), plus the current view.
  function query() {
    var params = new URLSearchParams(window.location.search);
    var b = map.getBounds().pad(0.1);
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map(function (n) { return n.toFixed(5); }).join(","));
    params.set("zoom", String(map.getZoom()));
    params.delete("page");
    return params.toString();
  }

  // A ring split by status: conic-gradient stops from the cluster's counts.
  function ring(byStatus, count) {
    var stops = [], start = 0;
    Object.keys(byStatus).forEach(function (status) {
      var end = start + (byStatus[status] / count) * 360;
      stops.push(colour(status) + " " + start.toFixed(1) + "deg " + end.toFixed(1) + "deg");
      start = end;
    });
    return "conic-gradient(" + stops.join(", ") + ")";
  }

  function drawCluster(c) {
    var size = Math.round(30 + Math.min(26, Math.log(c.count) * 4));
    var html = '<div class="cluster-ring" style="width:' + size + "px;height:" + size +
      "px;background:" + ring(c.by_status, c.count) + '"><span>' +
      Number(c.count).toLocaleString() + "</span></div>";
    var icon = L.divIcon({ className: "cluster-icon", html: html, iconSize: [size, size] });
    L.marker([c.lat, c.lon], { icon: icon, keyboard: true, title: c.count + " " + config.text.cameras })
      .on("click", function () { map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 19)); })
      .addTo(layer);
  }

  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.label;
    var status = document.createElement("div");
    status.textContent = (config.statuses[p.status] || {}).label || p.status;
    status.style.color = colour(p.status);
    var link = document.createElement("a");
    link.href = config.detail_url.replace("{id}", encodeURIComponent(p.id));
    link.textContent = config.text.open;
    box.append(title, status, link);
    return box;
  }

  function drawPoint(p) {
    L.circleMarker([p.lat, p.lon], {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour(p.status), fillOpacity: 0.95
    }).bindPopup(function () { return popup(p); }).addTo(layer);
  }

  function draw(data) {
    layer.clearLayers();
    if (data.mode === "clusters") {
      data.clusters.forEach(drawCluster);
    } else {
      data.points.forEach(drawPoint);
    }
    var text = Number(data.total).toLocaleString() + " " + config.text.cameras;
    if (data.mode === "clusters") { text += " · " + config.text.zoom; }
    if (data.truncated) { text += " · " + config.text.truncated; }
    statusLine.textContent = text;
  }

  function load() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(config.points_url + "?" + query(), {
      signal: pending.signal, credentials: "same-origin", headers: { Accept: "application/json" }
    })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(draw)
      .catch(function (err) { if (err.name !== "AbortError") { statusLine.textContent = "⚠ " + err.message; } });
  }

  map.on("moveend", load);
  map.fitBounds(config.extent || THAILAND, { padding: [24, 24], maxZoom: 16 });
})();
