/* The incident map: a click marks the incident (fills latitude and longitude) and draws the
   search circle; found cameras are shown as dots. Works without a tile server. Countdowns to
   the overwrite moment are refreshed every minute. */
(function () {
  "use strict";
  var el = document.getElementById("incident-map");
  var configEl = document.getElementById("find-config");
  if (el && configEl && window.L) {
    var config = JSON.parse(configEl.textContent);
    var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
    var radius = document.getElementById("id_radius_m");
    var map = L.map(el, { minZoom: 5, maxZoom: 19 });
    if (config.tiles && config.tiles.url) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    var marker = null, circle = null;
    function draw() {
      var la = parseFloat(lat.value), lo = parseFloat(lon.value), r = parseFloat(radius.value) || 100;
      if (isNaN(la) || isNaN(lo)) { return; }
      if (marker) { marker.setLatLng([la, lo]); circle.setLatLng([la, lo]).setRadius(r); return; }
      marker = L.marker([la, lo], { title: "incident" }).addTo(map);
      circle = L.circle([la, lo], { radius: r, color: "#b00020", weight: 2, fillOpacity: 0.1 }).addTo(map);
    }
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      draw();
    });
    [lat, lon, radius].forEach(function (input) { input.addEventListener("change", draw); });
    (config.hits || []).forEach(function (h) {
      L.circleMarker([h.lat, h.lon], { radius: 6, color: "#1565c0", fillOpacity: 0.8 })
        .bindTooltip(document.createTextNode(String(h.label))).addTo(map);  // a camera name is text, never HTML
    });
    if (lat.value && lon.value) {
      draw();
      map.setView([parseFloat(lat.value), parseFloat(lon.value)], 17);
    } else if (config.extent) {
      map.fitBounds(config.extent);
    } else {
      map.fitBounds([[5.5, 97.3], [20.5, 105.7]]);
    }
    el.dataset.ready = "1";
  }
  // Countdowns to the overwrite moment tick every minute, in the page's language (the texts
  // come from the server: #countdown-texts).
  var texts = document.getElementById("countdown-texts");
  function say(key, values) {
    var text = texts ? texts.dataset[key] : "";
    Object.keys(values).forEach(function (k) { text = text.replace("%(" + k + ")s", values[k]); });
    return text;
  }
  function refresh() {
    if (!texts) { return; }
    document.querySelectorAll(".countdown[data-until]").forEach(function (node) {
      var left = Math.floor((new Date(node.dataset.until) - new Date()) / 60000);
      var days = Math.floor(left / 1440), hours = Math.floor((left % 1440) / 60), minutes = left % 60;
      if (left <= 0) {
        node.textContent = say("gone", {});
        node.classList.add("gone");
      } else if (days) {
        node.textContent = say("days", { days: days, hours: hours });
      } else if (hours) {
        node.textContent = say("hours", { hours: hours, minutes: minutes });
      } else {
        node.textContent = say("minutes", { minutes: minutes });
      }
    });
  }
  refresh();
  setInterval(refresh, 60000);
}());
