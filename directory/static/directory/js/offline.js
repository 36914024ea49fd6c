/* The opt-in offline copy. No service worker is registered until the person presses "Save", and
   "Remove" unregisters it and deletes its cache: an unasked-for worker would be a trace on a
   survivor's phone. */
(function () {
  "use strict";
  var box = document.getElementById("offline-controls");
  if (!box || !("serviceWorker" in navigator) || !("caches" in window)) { return; }
  var status = document.getElementById("offline-status");
  var save = document.getElementById("offline-save");
  var remove = document.getElementById("offline-remove");
  var messages = document.getElementById("offline-messages").content;
  var scope = box.dataset.scope;
  function say(key) { status.textContent = messages.querySelector("[data-key=" + key + "]").textContent; }
  function show(saved) {
    save.hidden = saved; remove.hidden = !saved; say(saved ? "on" : "off");
  }
  function current() { return navigator.serviceWorker.getRegistration(scope); }
  current().then(function (registration) { show(Boolean(registration)); });
  save.addEventListener("click", function () {
    say("saving");
    navigator.serviceWorker.register(box.dataset.worker, { scope: scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        return new Promise(function (resolve, reject) {
          var channel = new MessageChannel();
          channel.port1.onmessage = function (event) { (event.data === "saved" ? resolve : reject)(); };
          registration.active.postMessage("save", [channel.port2]);
        });
      })
      .then(function () { show(true); }, function () { say("failed"); });
  });
  function deleteCopies() {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf("hub-directory-") === 0; })
        .map(function (key) { return caches.delete(key); }));
    });
  }
  remove.addEventListener("click", function () {
    current().then(function (registration) { return registration ? registration.unregister() : true; })
      .then(deleteCopies)
      .then(function () {
        show(false); say("removed");
        // A page save already under way when Remove was pressed could land just after: sweep again.
        window.setTimeout(deleteCopies, 2000);
      });
  });
})();
