/* Field check page: fill the hidden GPS fields from the phone, preview the photo, and refuse to
   send the form without a position or with a file that is not a picture, so nothing typed or
   photographed is lost to a server round trip. The server checks all of it again. */
(function () {
  "use strict";
  const form = document.querySelector("form[data-verify]");
  if (!form) return;
  const msg = form.dataset;
  const field = (name) => form.elements.namedItem(name);
  const gpsStatus = document.getElementById("gps-status");
  const photoStatus = document.getElementById("photo-status");
  const formStatus = document.getElementById("form-status");
  const preview = document.getElementById("photo-preview");
  const moved = document.getElementById("moved");
  let photoOk = true;

  function setFix(pos) {
    const c = pos.coords;
    field("lat").value = c.latitude.toFixed(6);
    field("lon").value = c.longitude.toFixed(6);
    field("accuracy").value = String(Math.max(1, Math.round(c.accuracy)));
    field("fix_ms").value = String(Math.round(pos.timestamp || Date.now()));
    gpsStatus.textContent = msg.msgFix.replace("{m}", String(Math.round(c.accuracy)));
    gpsStatus.classList.remove("error");
  }

  function noFix() {
    if (!field("lat").value) {
      gpsStatus.textContent = msg.msgNoGps;
      gpsStatus.classList.add("error");
    }
  }

  if ("geolocation" in navigator) {
    navigator.geolocation.watchPosition(setFix, noFix, {enableHighAccuracy: true, maximumAge: 10000, timeout: 30000});
  } else {
    noFix();
  }

  field("photo").addEventListener("change", function () {
    const file = this.files && this.files[0];
    photoStatus.textContent = "";
    preview.hidden = true;
    photoOk = true;
    if (!file) return;
    // Decode it as the browser would show it: a PDF renamed .jpg fails here.
    createImageBitmap(file).then(function (bitmap) {
      bitmap.close();
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    }, function () {
      photoOk = false;
      photoStatus.textContent = msg.msgNotImage;
      photoStatus.classList.add("error");
    });
  });

  form.addEventListener("change", function (event) {
    if (event.target.name === "result") moved.hidden = event.target.value !== "moved";
  });

  document.getElementById("use-my-position").addEventListener("click", function () {
    field("new_lat").value = field("lat").value;
    field("new_lon").value = field("lon").value;
  });

  form.addEventListener("submit", function (event) {
    let problem = "";
    if (!field("lat").value) problem = msg.msgNoGps;
    else if (!photoOk) problem = msg.msgNotImage;
    else if (!form.querySelector("input[name=result]:checked")) problem = msg.msgNoResult;
    formStatus.textContent = problem;
    if (problem) event.preventDefault();
  });
})();
