/* warmap's own glue between the GeoJSON properties and Leaflet (not third-party code).
   The Python side precomputes everything a feature needs (popup HTML, already escaped;
   style; icon; t0/t1 in ms); this script keeps the date, draws what holds on it, and
   runs the date control. Text from the sources only ever goes in as text or as the
   popup HTML escaped in Python. */
window.warmap = window.warmap || {};
(function (W) {
  var DAY = 86400000;
  W.DAY = DAY;
  W.text = function (key) { return (W.strings && W.strings[key]) || key; };
  /* A name in the page's language (zh-Hant takes zh), else English, else the first; plain text. */
  W.name = function (names, fallback) {
    names = names || {};
    var lang = W.lang || "en", langs = Object.keys(names).sort();
    return names[lang] || names[lang.split("-")[0]] || names.en || (langs.length ? names[langs[0]] : fallback);
  };
  function labelOf(p) {
    if (!p.names || !W.lang) { return p.label; }
    var span = document.createElement("span");
    span.textContent = W.name(p.names, p.id);
    return span;
  }
  W.formatDate = function (ms) { return new Date(ms).toISOString().slice(0, 10); };
  W.style = function (feature) { return feature.properties.style || {}; };
  W.popupOptions = function () {
    var width = Math.max(200, Math.min(380, window.innerWidth - 70));
    return { maxWidth: width, minWidth: Math.min(220, width), maxHeight: Math.min(360, window.innerHeight * 0.5),
             autoPanPaddingTopLeft: [20, window.innerWidth < 700 ? 150 : 90] /* below the folded legend */, autoPanPaddingBottomRight: [20, 150] };
  };
  W.each = function (feature, layer) {
    var p = feature.properties;
    if (p.popup) { layer.bindPopup(p.popup, W.popupOptions()); }
    if (p.label) { layer.bindTooltip(labelOf(p), { sticky: true, direction: "top" }); }
  };
  W.point = function (feature, latlng) {
    var p = feature.properties;
    if (p.icon) {
      return L.marker(latlng, {
        icon: L.divIcon({ className: "wm-icon", html: p.icon, iconSize: [22, 22], iconAnchor: [11, 11] }),
        title: p.names ? W.name(p.names, p.id) : "", alt: p.names ? W.name(p.names, p.id) : "",
        keyboard: false /* the events panel reaches every event by keyboard; 100 tab stops would not */
      });
    }
    return L.circleMarker(latlng, p.style || {});
  };
  /* The page's shapes share one table of points (render/shared.py): rings and lines come as runs
     [first, count, ...] along it (a negative count runs backwards); give them their coordinates back. */
  W.decode = function (data) {
    var table = data.points, points = [], x = 0, y = 0, i;
    if (!table) { return data; }
    for (i = 0; i < table.length; i += 2) {
      x += table[i]; y += table[i + 1];
      points.push([x / 100000, y / 100000]);
    }
    function line(runs, closed) {
      var out = [], r, k, n, step;
      for (r = 0; r < runs.length; r += 2) {
        n = Math.abs(runs[r + 1]); step = runs[r + 1] < 0 ? -1 : 1;
        for (k = 0; k < n; k++) { out.push(points[runs[r] + step * k]); }
      }
      if (closed && out.length) { out.push(out[0]); }
      return out;
    }
    function rings(list) { return list.map(function (runs) { return line(runs, true); }); }
    function geometry(g) {
      if (!g || !g.runs) { return g; }
      var c = g.type === "LineString" ? line(g.runs, false)
        : g.type === "MultiLineString" ? g.runs.map(function (runs) { return line(runs, false); })
        : g.type === "Polygon" ? rings(g.runs) : g.runs.map(rings);
      return { type: g.type, coordinates: c };
    }
    Object.keys(data).forEach(function (key) {
      (data[key].features || []).forEach(function (f) {
        f.geometry = geometry(f.geometry);
        if (f.properties.shape) { f.properties.shape = geometry(f.properties.shape); }
      });
    });
    delete data.points;
    return data;
  };
  W.interval = function (feature) { return { start: feature.properties.t0, end: feature.properties.t1 }; };
  /* Leaflet options of the timelines (territory, fronts). */
  W.options = function (timed) {
    var options = { style: W.style, pointToLayer: W.point, onEachFeature: W.each };
    if (timed) { options.getInterval = W.interval; }
    return options;
  };

  /* The vector land layer (base map without tiles): drawn, never clicked. */
  W.landOptions = function () { return { style: W.style, interactive: false }; };

  /* ---------------------------------------------------------------- events and places */
  function marker(feature) {
    var c = feature.geometry.coordinates;
    var layer = W.point(feature, L.latLng(c[1], c[0]));
    layer.feature = feature;
    W.each(feature, layer);
    layer.on("popupopen", function () { W.drawExtras(feature); });
    layer.on("popupclose", function () { W.extras.clearLayers(); });
    return layer;
  }
  /* A place's shape, an event's other places: drawn only while its popup is open. */
  W.drawExtras = function (feature) {
    var p = feature.properties;
    W.extras.clearLayers();
    if (p.shape) {
      L.geoJSON(p.shape, { interactive: false, style: { color: (p.style || {}).color, weight: 2, fill: false,
                                                        dashArray: "5 4", className: "wm-place-shape" } })
        .addTo(W.extras);
    }
    (p.more || []).forEach(function (c) {
      L.circleMarker([c[1], c[0]], { radius: 9, color: "#000", weight: 2, fill: false, interactive: false,
                                    className: "wm-more" }).addTo(W.extras);
    });
  };
  function items(map, groups, byDoc) {
    var list = [];
    function add(feature, key, group) {
      var p = feature.properties;
      list.push({ feature: feature, key: key, group: group, layer: marker(feature), shown: false,
                  event: p.kind === "event", t0: p.t0, t1: p.t1 });
    }
    W.data.events.features.forEach(function (f) { add(f, f.properties.id, groups[f.properties.group]); });
    W.data.places.features.forEach(function (f) { add(f, f.properties.id, groups.places); });
    byDoc.forEach(function (pair) {
      ["events", "undated", "places"].forEach(function (key) {
        W.data[key].features.forEach(function (f) {
          if (f.properties.docs.indexOf(pair[0]) >= 0) { add(f, pair[0] + "\u0000" + f.properties.id, pair[1]); }
        });
      });
    });
    return list;
  }
  /* Whether an item holds on the date: its own days, events widened by the reader's window. */
  W.holds = function (item, time) {
    if (item.t0 === undefined) { return true; }
    var end = item.t1 + (item.event ? W.recent * DAY : 0);
    return item.t0 <= time && time <= end;
  };
  W.refresh = function () {
    var adds = [], removes = [];
    W.items.forEach(function (item) {
      var want = W.map.hasLayer(item.group) && W.holds(item, W.time);
      if (want !== item.shown) { (want ? adds : removes).push(item.layer); item.shown = want; }
    });
    if (removes.length) { W.cluster.removeLayers(removes); }
    if (adds.length) { W.cluster.addLayers(adds); }
    W.onChange.forEach(function (f) { f(W.time); });
  };
  /* The date moves: the timelines, the markers, the control, the URL (shareable). */
  W.setTime = function (t) {
    var day = Math.floor(Math.max(W.first, Math.min(W.last, t)) / DAY);
    W.time = Math.max(W.first, Math.min(W.last, day * DAY + DAY / 2));
    Object.keys(W.timelines).forEach(function (k) { W.timelines[k].setTime(W.time); });
    W.refresh();
    if (W.started && window.history && history.replaceState) {
      history.replaceState(null, "", "#" + W.formatDate(W.time));
    }
    return W.formatDate(W.time);
  };
  W.setDate = function (iso) {
    var t = Date.parse(String(iso).slice(0, 10) + "T12:00:00Z");
    if (isNaN(t) || !W.map) { return false; }
    return W.setTime(t);
  };
  W.addMonths = function (t, months) {
    var d = new Date(t);
    d.setUTCMonth(d.getUTCMonth() + months);
    return d.getTime();
  };
  /* Go to an event (or place): its first day, the map flies there, its cluster opens, its popup shows. */
  W.showEvent = function (id) {
    var item = null;
    W.items.forEach(function (i) { if (!item && i.key === id) { item = i; } });
    if (!item) { return false; }
    if (!W.map.hasLayer(item.group)) { W.map.addLayer(item.group); }
    if (item.t0 !== undefined && !W.holds(item, W.time)) { W.setTime(item.t0); }
    if (!item.shown) { W.refresh(); }
    var map = W.map, tries = 0, ll = item.layer.getLatLng();
    map.setView(ll, Math.max(map.getZoom(), W.SHOW_ZOOM), { animate: false });
    var popup = L.popup(W.popupOptions()).setLatLng(ll).setContent(item.feature.properties.popup);
    popup.on("remove", function () { W.extras.clearLayers(); W.opened = null; });
    map.openPopup(popup);
    W.drawExtras(item.feature);
    W.opened = id;
    (function spread() { if (!W.reveal(id) && tries++ < 10) { setTimeout(spread, 100); } })();
    return true;
  };
  /* Bring a marker out of its cluster (a spider: markers on one point never split); true once it is drawn. */
  W.reveal = function (id) {
    var item = null;
    W.items.forEach(function (i) { if (!item && i.key === id) { item = i; } });
    if (!item || !item.shown) { return false; }
    if (item.layer.getElement && item.layer.getElement() && item.layer._map) { return true; }
    var parent = W.cluster.getVisibleParent(item.layer);
    if (!parent) { W.map.fire("moveend"); }  /* the cluster redraws what is in view */
    else if (parent !== item.layer && parent.spiderfy) { parent.spiderfy(); }
    return false;
  };
  /* Whether the popup of ``id`` is open: opened from the panel, or by a click on its marker. */
  W.popupOpenFor = function (id) {
    var item = null;
    W.items.forEach(function (i) { if (!item && i.key === id) { item = i; } });
    return Boolean(item && (item.layer.isPopupOpen() || (W.opened === id && map_has_popup())));
  };
  function map_has_popup() { return Boolean(W.map._popup && W.map.hasLayer(W.map._popup)); }
  W.SHOW_ZOOM = 8;

  /* ---------------------------------------------------------------- tiles */
  W.tileFallback = function (map, land) {
    var notice = null;
    function failed(event) {
      var tiles = event.target;
      if (!map.hasLayer(tiles)) { return; }
      map.removeLayer(tiles);
      if (!map.hasLayer(land)) { map.addLayer(land); }
      land.bringToBack();  /* under territory and fronts, which share its pane */
      if (!notice) {  /* in the date control, where the reader looks; else in a corner */
        notice = L.DomUtil.create("div", "wm-notice", W.dateControlDiv);
        notice.setAttribute("role", "status");
        notice.textContent = W.text("tiles_failed");
        if (!W.dateControlDiv) {
          var corner = L.control({ position: "bottomright" });
          corner.onAdd = function () { return notice; };
          corner.addTo(map);
        }
      }
    }
    function watch(layer) {
      if (layer instanceof L.TileLayer && !layer._wmWatched) { layer._wmWatched = true; layer.on("tileerror", failed); }
    }
    map.on("baselayerchange", function (e) { if (e.layer.bringToBack) { e.layer.bringToBack(); } });
    map.eachLayer(watch);
    map.on("layeradd", function (e) { watch(e.layer); });
  };

  /* ---------------------------------------------------------------- language */
  /* The interface language: ?lang= in the URL, else the one chosen from the sources; <html lang dir>. */
  W.setLanguage = function (options) {
    var asked = new URLSearchParams(window.location.search).get("lang");
    W.lang = asked && options.strings[asked] ? asked : options.lang;
    W.strings = options.strings[W.lang] || options.strings.en;
    W.languages = Object.keys(options.strings);
    document.documentElement.lang = W.lang;
    document.documentElement.dir = options.dirs[W.lang] || "ltr";
  };
  /* Our own labels built in Python (layers, legend) carry their key: show them in the page's language. */
  W.translate = function (root) {
    root.querySelectorAll("[data-wm-text]").forEach(function (e) {
      var text = W.strings[e.getAttribute("data-wm-text")];
      if (text) { e.textContent = text.replace("{n}", e.getAttribute("data-n") || ""); }
    });
  };
  /* A popup as it opens: our words in the page's language, and the event's name in it when it has one
     (swapped with the title, which joins the other names). The source sentences are left as written. */
  W.localise = function (root) {
    if (!root || !W.strings) { return; }
    W.translate(root);
    var head = root.querySelector(".wm-title"), pick = null, base = W.lang.split("-")[0];
    if (!head) { return; }
    root.querySelectorAll(".wm-name").forEach(function (n) {
      var lang = n.getAttribute("lang");
      if (lang === W.lang || (!pick && lang === base)) { pick = n; }
    });
    if (!pick || !pick.lastElementChild) { return; }
    var name = pick.lastElementChild, tag = pick.querySelector("b");
    var text = head.textContent, lang = head.getAttribute("lang") || "";
    head.textContent = name.textContent;
    head.setAttribute("lang", pick.getAttribute("lang"));
    name.textContent = text;
    if (tag) { tag.textContent = lang; }
    pick.setAttribute("lang", lang);
  };
  /* The layer control rebuilds its labels from their HTML whenever a layer comes or goes: translate each. */
  var addItem = L.Control.Layers.prototype._addItem;
  L.Control.Layers.prototype._addItem = function (obj) {
    var label = addItem.call(this, obj);
    if (W.strings) { W.translate(label); }
    return label;
  };
  /* A phase page's heading and <title> in the page's language (the phase's own title in it). */
  W.titlePage = function (text) {
    var head = document.querySelector(".wm-map-title");
    if (!text || !head || !head.firstChild || head.firstChild.nodeType !== 3) { return; }
    head.firstChild.textContent = text;
    document.title = text;
  };
  /* Switching reloads the page in the other language, on the same date. */
  W.switchLanguage = function (lang) {
    var params = new URLSearchParams(window.location.search);
    params.set("lang", lang);
    window.location.search = params.toString();
  };

  /* ---------------------------------------------------------------- start */
  W.start = function (map, land, timelines, groups, byDoc, options) {
    W.map = map;
    W.options_ = options;
    W.setLanguage(options);
    W.first = options.start;
    W.last = options.end;
    W.timelines = timelines;
    W.recent = options.recentDays[0];
    W.onChange = [];
    W.extras = L.layerGroup().addTo(map);
    map.on("popupopen", function (e) { W.localise(e.popup.getElement()); });
    W.cluster = L.markerClusterGroup({ maxClusterRadius: 22, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
                                       spiderfyDistanceMultiplier: 1.6 }).addTo(map);
    W.items = items(map, groups, byDoc);
    W.slider = { start: W.first, end: W.last, setTime: W.setTime,
                 timelines: Object.keys(timelines).map(function (k) { return timelines[k]; }) };
    Object.keys(groups).map(function (k) { return groups[k]; }).concat(byDoc.map(function (p) { return p[1]; }))
      .forEach(function (g) { g.on("add remove", function () { W.refresh(); }); });
    (options.credits || []).forEach(function (c) { map.attributionControl.addAttribution(c); });
    W.tileFallback(map, land);
    if (W.dateControl) { W.dateControl(map, options); }
    if (W.panel) { W.panel(map, options); }
    document.querySelectorAll(".wm-legend-box").forEach(function (d) {
      d.open = window.innerWidth >= 700 && window.innerHeight >= 700;
    });
    var hash = (window.location.hash || "").replace(/^#/, "");
    W.translate(document);
    if (options.phasePage && options.phases.length) { W.titlePage(W.name(options.phases[0].title, "")); }
    var opening = options.war ? Math.max(W.first, options.war[0]) : W.first;
    W.setTime(/^\d{4}-\d{2}-\d{2}$/.test(hash) ? Date.parse(hash + "T12:00:00Z") : opening);
    W.started = true;
    window.addEventListener("hashchange", function () {
      var h = (window.location.hash || "").replace(/^#/, "");
      if (/^\d{4}-\d{2}-\d{2}$/.test(h) && h !== W.formatDate(W.time)) { W.setDate(h); }
    });
  };
})(window.warmap);
