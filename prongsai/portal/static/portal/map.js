// OpenStreetMap through vendored Leaflet; the address and links stay when JS or tiles fail.
(function () {
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
  if (isNaN(lat) || isNaN(lng)) return;
  var fallback = el.innerHTML;
  el.innerHTML = "";
  var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lng], 15);
  var failed = 0;
  var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19, attribution: "&copy; OpenStreetMap contributors"
  }).addTo(map);
  tiles.on("tileerror", function () {
    failed += 1;
    if (failed === 4) { map.remove(); el.className = ""; el.removeAttribute("style"); el.innerHTML = fallback; }
  });
  L.marker([lat, lng], { alt: el.dataset.label }).addTo(map).bindPopup(el.dataset.label);
})();
