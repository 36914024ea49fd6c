/* Offline copy of one programme's public directory, in one language. Registered only on request. */
"use strict";
var CACHE = "{{ cache_name|escapejs }}";
var PAGES = "{{ pages_url|escapejs }}";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function saveAll() {
  return fetch(PAGES, { credentials: "omit" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      return caches.open(CACHE).then(function (cache) { return cache.addAll(data.pages); });
    });
}

self.addEventListener("message", function (event) {
  if (event.data !== "save") { return; }
  var port = event.ports[0];
  event.waitUntil(saveAll().then(
    function () { port.postMessage("saved"); },
    function () { port.postMessage("failed"); }
  ));
});

/* Network first, so that a connected worker always sees current details; the copy when offline. */
self.addEventListener("fetch", function (event) {
  if (event.request.method !== "GET") { return; }
  event.respondWith(
    fetch(event.request).then(function (response) {
      if (response.ok && new URL(event.request.url).origin === self.location.origin) {
        var copy = response.clone();
        // Refresh only a copy that exists: once removed, the copy must not come back.
        caches.has(CACHE).then(function (exists) {
          if (exists) { caches.open(CACHE).then(function (cache) { cache.put(event.request, copy); }); }
        });
      }
      return response;
    }).catch(function () {
      return caches.match(event.request, { ignoreSearch: false }).then(function (hit) {
        return hit || caches.match(event.request.url.split("?")[0]);
      });
    })
  );
});
