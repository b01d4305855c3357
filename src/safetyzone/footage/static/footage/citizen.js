/* The citizen's map: a click marks where it happened (fills latitude and longitude). */
(function () {
  "use strict";
  var el = document.getElementById("incident-map");
  var configEl = document.getElementById("citizen-config");
  if (!el || !configEl || !window.L) { return; }
  var config = JSON.parse(configEl.textContent);
  var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
  var map = L.map(el, { minZoom: 5, maxZoom: 19 });
  if (config.tiles && config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  var marker = null;
  function draw() {
    var la = parseFloat(lat.value), lo = parseFloat(lon.value);
    if (isNaN(la) || isNaN(lo)) { return; }
    if (marker) { marker.setLatLng([la, lo]); } else { marker = L.marker([la, lo]).addTo(map); }
  }
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    draw();
  });
  [lat, lon].forEach(function (input) { input.addEventListener("change", draw); });
  if (lat.value && lon.value) {
    draw();
    map.setView([parseFloat(lat.value), parseFloat(lon.value)], 16);
  } else {
    map.fitBounds([[5.5, 97.3], [20.5, 105.7]]);
  }
}());
