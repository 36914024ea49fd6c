/* "Sort by distance from me": asks the browser for the location only when the button is pressed,
   puts it in the search form and submits. The location goes with that one request only. */
(function () {
  "use strict";
  var button = document.getElementById("near-me");
  if (!button || !("geolocation" in navigator)) { return; }
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      var form = button.closest("form");
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(4);
      form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(4);
      form.submit();
    }, function () { button.disabled = true; }, { maximumAge: 0, timeout: 15000 });
  });
})();
