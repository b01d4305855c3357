/* Dashboard map: the registry's camera map (safetyzone/map.js, clustered on the server) plus
   two layers, proposed points (Part 2) and problems (Part 3). Loaded before map.js: it hooks
   into the map map.js creates and adds the layers with a layer switcher. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("dashboard-layers").textContent);

  function box(lines) {
    var div = document.createElement("div");
    lines.forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "strong" : "div");
      el.textContent = line;
      div.appendChild(el);
    });
    return div;
  }

  L.Map.addInitHook(function () {
    if (this.getContainer().id !== "camera-map-big") { return; }
    var proposals = L.layerGroup(), problems = L.layerGroup();
    config.proposals.forEach(function (p) {
      L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: "proposal-icon", html: '<span class="dot square" style="background:#0b5394;width:14px;height:14px;display:block;border:2px solid #fff"></span>', iconSize: [14, 14] }),
        title: p.name, zIndexOffset: 1000
      }).bindPopup(function () {
        return box([p.name, p.reason, p.organisation, config.text.cameras + ": " + p.cameras,
          config.text.budget + ": " + Number(p.budget).toLocaleString()]);
      }).addTo(proposals);
    });
    config.problems.forEach(function (p) {
      L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: "problem-icon", html: '<span class="dot diamond" style="background:#e07a00;width:14px;height:14px;display:block;border:2px solid #fff"></span>', iconSize: [14, 14] }),
        title: p.organisation, zIndexOffset: 1000
      }).bindPopup(function () {
        return box([p.organisation].concat(p.items.map(function (i) { return i.category + ": " + i.text; })));
      }).addTo(problems);
    });
    proposals.addTo(this);
    problems.addTo(this);
    var overlays = {};
    overlays[config.text.proposals + " (" + config.proposals.length + ")"] = proposals;
    overlays[config.text.problems + " (" + config.problems.length + ")"] = problems;
    L.control.layers(null, overlays, { collapsed: false }).addTo(this);
  });
})();
