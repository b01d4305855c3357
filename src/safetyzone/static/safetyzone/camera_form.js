/* Camera form: the "new site" fields matter only when no existing site is chosen
   (the server ignores them otherwise), so hide them then. */
(function () {
  "use strict";
  var site = document.getElementById("id_site");
  var box = document.getElementById("new-site");
  if (!site || !box || site.tagName !== "SELECT") { return; }
  function toggle() { box.hidden = site.value !== ""; }
  site.addEventListener("change", toggle);
  toggle();
})();
