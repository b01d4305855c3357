/* The check-in page: reads the phone's position once (navigator.geolocation) and puts it, with
   its accuracy, in the form; or the reason there is none (permission refused, unavailable,
   timeout). The officer presses "Check in"; the server judges distance, accuracy and time. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var state = document.getElementById("gps-state");
  if (!form || !state) { return; }
  function field(name) { return form.querySelector("[name='" + name + "']"); }
  function say(key, m) { state.textContent = (state.dataset[key] || "").replace("%(m)s", m); state.dataset.state = key; }
  if (!("geolocation" in navigator)) { field("gps_error").value = "unsupported"; say("unsupported"); return; }
  navigator.geolocation.getCurrentPosition(function (pos) {
    field("lat").value = pos.coords.latitude.toFixed(6);
    field("lon").value = pos.coords.longitude.toFixed(6);
    field("accuracy").value = Math.ceil(pos.coords.accuracy);
    field("gps_error").value = "";
    say("ok", Math.ceil(pos.coords.accuracy));
  }, function (err) {
    var code = err.code === 1 ? "denied" : err.code === 3 ? "timeout" : "unavailable";
    field("gps_error").value = code;
    say(code);
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
})();
