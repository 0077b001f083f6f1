/* warmap's own glue between the GeoJSON properties and Leaflet (not third-party code).
   The Python side precomputes everything a feature needs (popup HTML, already escaped;
   style; icon; t0/t1 in ms), so these functions only hand it to Leaflet. */
window.warmap = window.warmap || { timelines: [] };
warmap.style = function (feature) { return feature.properties.style || {}; };
warmap.point = function (feature, latlng) {
  var p = feature.properties;
  if (p.icon) {
    return L.marker(latlng, {
      icon: L.divIcon({ className: "wm-icon", html: p.icon, iconSize: [22, 22], iconAnchor: [11, 11] }),
      title: p.label || "",
      alt: p.label || "",
      zIndexOffset: 1000 /* events above the clustered places */
    });
  }
  return L.circleMarker(latlng, p.style || {});
};
warmap.each = function (feature, layer) {
  var p = feature.properties;
  if (p.popup) { layer.bindPopup(p.popup, { maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [60, 70] }); }
  if (p.label) { layer.bindTooltip(p.label, { sticky: true }); }
};
warmap.interval = function (feature) {
  var p = feature.properties;
  return { start: p.t0, end: p.t1 };
};
/* Leaflet options shared by every layer; timed layers also read each feature's interval. */
warmap.options = function (timed) {
  var options = { style: warmap.style, pointToLayer: warmap.point, onEachFeature: warmap.each };
  if (timed) { options.getInterval = warmap.interval; }
  return options;
};
/* Every event and place whose sources include one document: "what this text alone claims". */
warmap.byDoc = function (doc) {
  var features = [];
  ["battles", "other", "undated", "places"].forEach(function (key) {
    (warmap.data[key] || { features: [] }).features.forEach(function (f) {
      if (f.properties.docs.indexOf(doc) >= 0) { features.push(f); }
    });
  });
  return { type: "FeatureCollection", features: features };
};
warmap.formatDate = function (ms) { return new Date(ms).toISOString().slice(0, 10); };
/* Move the slider to an ISO date ("1950-08-15"): noon UTC, so a day's features are all in. */
warmap.setDate = function (iso) {
  var t = Date.parse(iso.slice(0, 10) + "T12:00:00Z");
  if (isNaN(t) || !warmap.slider) { return false; }
  t = Math.max(warmap.slider.start, Math.min(warmap.slider.end, t));
  warmap.slider.setTime(t);
  return warmap.formatDate(t);
};
/* When a tile layer cannot load (no network), show the vector land instead and say why. */
warmap.tileFallback = function (map, land) {
  var notice = null;
  function failed(event) {
    var tiles = event.target;
    if (!map.hasLayer(tiles)) { return; }
    map.removeLayer(tiles);
    if (!map.hasLayer(land)) { map.addLayer(land); }
    if (!notice) {
      notice = L.control({ position: "bottomleft" });
      notice.onAdd = function () {
        var div = L.DomUtil.create("div", "wm-notice");
        div.setAttribute("role", "status");
        div.textContent = warmap.text("tiles_failed");
        return div;
      };
      notice.addTo(map);
    }
  }
  function watch(layer) {
    if (layer instanceof L.TileLayer && !layer._wmWatched) { layer._wmWatched = true; layer.on("tileerror", failed); }
  }
  map.eachLayer(watch);
  map.on("layeradd", function (e) { watch(e.layer); });
};
warmap.strings = { tiles_failed: "Map tiles could not be loaded (no network?): showing the land outline instead." };
warmap.text = function (key) { return warmap.strings[key] || key; };
warmap.start = function (map, slider, land, credits) {
  warmap.map = map;
  warmap.slider = slider;
  warmap.tileFallback(map, land);
  credits.forEach(function (c) { map.attributionControl.addAttribution(c); });
  /* a tall legend hides the map on small screens: start it folded there */
  document.querySelectorAll(".wm-legend-box").forEach(function (d) { d.open = window.innerHeight >= 760; });
  var hash = (window.location.hash || "").replace(/^#/, "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(hash)) { warmap.setDate(hash); }
  window.addEventListener("hashchange", function () {
    var h = (window.location.hash || "").replace(/^#/, "");
    if (/^\d{4}-\d{2}-\d{2}$/.test(h)) { warmap.setDate(h); }
  });
};
