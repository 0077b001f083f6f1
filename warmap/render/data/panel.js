/* The events panel: every dated event listed by phase with its date, type and sources;
   filters by type and source document, a search over its names in every language.
   A click goes to the event (date, map, popup); the date highlights the day's events.
   Text from the sources goes in with textContent only. */
(function (W) {
  function el(tag, cls, parent, attrs) {
    var e = L.DomUtil.create(tag, cls || "", parent);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function title(names, fallback) { return W.name(names, fallback); }
  function typeLabel(k) { return W.strings["type_" + k] || (W.options_.types[k] || W.options_.types.other).label; }
  function phaseOf(options) {
    var byEvent = {};
    options.phases.forEach(function (phase, n) {
      (phase.events || []).forEach(function (id) { if (!(id in byEvent)) { byEvent[id] = n; } });
    });
    return function (item) {
      var id = item.feature.properties.id;
      if (id in byEvent) { return byEvent[id]; }
      var day = W.formatDate(item.t0);
      for (var n = 0; n < options.phases.length; n++) {
        var p = options.phases[n];
        if (p.start <= day && (!p.end || day <= p.end + "-99")) { return n; }
      }
      return -1;
    };
  }
  function option(select, value, text) {
    var o = el("option", "", select, { value: value });
    o.textContent = text;
  }
  W.panel = function (map, options) {
    var events = W.items.filter(function (i) { return i.event && i.key === i.feature.properties.id; });
    events.sort(function (a, b) { return a.t0 - b.t0 || (a.key < b.key ? -1 : 1); });
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var div = el("div", "wm-panel leaflet-bar", null, { role: "region", "aria-label": W.text("timeline") });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var toggle = el("button", "wm-btn wm-panel-toggle", div, { type: "button", "aria-expanded": "false" });
      toggle.textContent = "☰ " + W.text("timeline") + " (" + events.length + ")";
      var body = el("div", "wm-panel-body", div);
      function setOpen(open) {
        (open ? L.DomUtil.addClass : L.DomUtil.removeClass)(div, "wm-panel-open");
        toggle.setAttribute("aria-expanded", String(open));
      }
      L.DomEvent.on(toggle, "click", function () { setOpen(!L.DomUtil.hasClass(div, "wm-panel-open")); });
      var search = el("input", "wm-search", body, { type: "search", "aria-label": W.text("search"),
                                                     placeholder: W.text("search") });
      var filters = el("div", "wm-filters", body);
      var type = el("select", "wm-type", filters, { "aria-label": W.text("all_types") });
      option(type, "", W.text("all_types"));
      Object.keys(options.types).forEach(function (k) {
        if (events.some(function (i) { return i.feature.properties.type === k; })) {
          option(type, k, options.types[k].symbol + " " + typeLabel(k));
        }
      });
      var source = el("select", "wm-source", filters, { "aria-label": W.text("all_sources") });
      option(source, "", W.text("all_sources"));
      var docs = {};
      events.forEach(function (i) { i.feature.properties.docs.forEach(function (d) { docs[d] = true; }); });
      Object.keys(docs).sort().forEach(function (d) { option(source, d, d); });
      var list = el("div", "wm-list", body);
      var phaseIndex = phaseOf(options), groups = {}, rows = [];
      events.forEach(function (item) {
        var n = phaseIndex(item);
        if (!groups[n]) {
          var section = el("section", "wm-phase", list);
          var head = el("h3", "", section);
          var phase = options.phases[n];
          head.textContent = phase ? title(phase.title, phase.id) : W.text("other_phase");
          if (phase && head.textContent.indexOf(phase.start) < 0) {  /* a title with its dates: not twice */
            head.appendChild(document.createTextNode(" · "));
            el("span", "", head, { dir: "ltr" }).textContent = phase.start + " – " + (phase.end || "");
          }
          groups[n] = { section: section, ul: el("ul", "", section) };
        }
        var p = item.feature.properties, t = options.types[p.type] || options.types.other;
        var li = el("li", "", groups[n].ul);
        var b = el("button", "wm-event", li, { type: "button", "data-id": p.id });
        var badge = el("span", "wm-badge", b, { "aria-hidden": "true" });
        badge.style.background = t.colour;
        badge.textContent = t.symbol;
        el("span", "wm-ev-date", b, { dir: "ltr" }).textContent = p.when;
        el("span", "wm-ev-title", b).textContent = title(p.names, p.id);
        el("span", "wm-ev-meta", b).textContent = typeLabel(p.type) + " — " + p.docs.join(", ");
        L.DomEvent.on(b, "click", function () {
          if (window.innerWidth < 700) { setOpen(false); }
          W.showEvent(p.id);
        });
        var words = [p.when, p.type, t.label, typeLabel(p.type)].concat(p.docs);
        Object.keys(p.names || {}).forEach(function (k) { words.push(p.names[k]); });
        rows.push({ item: item, li: li, group: groups[n], text: words.join(" ").toLowerCase() });
      });
      function filter() {
        var q = search.value.trim().toLowerCase(), ty = type.value, doc = source.value;
        rows.forEach(function (r) {
          var p = r.item.feature.properties;
          var ok = (!q || r.text.indexOf(q) >= 0) && (!ty || p.type === ty) && (!doc || p.docs.indexOf(doc) >= 0);
          r.li.hidden = !ok;
        });
        Object.keys(groups).forEach(function (n) {
          var g = groups[n];
          g.section.hidden = !rows.some(function (r) { return r.group === g && !r.li.hidden; });
        });
      }
      L.DomEvent.on(search, "input", filter);
      L.DomEvent.on(type, "change", filter);
      L.DomEvent.on(source, "change", filter);
      W.onChange.push(function (time) {
        var first = null;
        rows.forEach(function (r) {
          var on = r.item.t0 <= time && time <= r.item.t1;
          (on ? L.DomUtil.addClass : L.DomUtil.removeClass)(r.li, "wm-today");
          if (on && !r.li.hidden && (!first || r.item.t0 > first.item.t0)) { first = r; }
        });
        if (first) { list.scrollTop = first.li.offsetTop - list.offsetTop - 40; }  /* the day's latest start */
      });
      W.panelOpen = setOpen;
      if (window.innerWidth >= 1000 && window.innerHeight >= 700) { setOpen(true); }
      return div;
    };
    control.addTo(map);
  };
})(window.warmap);
