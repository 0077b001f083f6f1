/* The date control: a day-by-day slider over every dated feature with the war's own span
   marked and a histogram of events, a date entry, step and play buttons with speeds,
   the "recent events" window, and the keyboard (arrows ±1 day, PageUp/PageDown ±1 month,
   Home/End). Every control has an accessible name. */
(function (W) {
  var DAY = 86400000;
  var SPEEDS = [1, 7, 30, 90];
  function el(tag, cls, parent, attrs) {
    var e = L.DomUtil.create(tag, cls || "", parent);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function button(parent, symbol, key, action) {
    var b = el("button", "wm-btn", parent, { type: "button", "aria-label": W.text(key), title: W.text(key) });
    b.textContent = symbol;
    L.DomEvent.on(b, "click", action);
    return b;
  }
  function percent(t) { return (100 * (t - W.first) / Math.max(1, W.last - W.first)) + "%"; }
  function histogram(box) {
    var bins = 120, counts = [], max = 0, i;
    for (i = 0; i < bins; i++) { counts.push(0); }
    W.data.events.features.forEach(function (f) {
      var t = f.properties.t0;
      if (t === undefined || t < W.first || t > W.last) { return; }
      var b = Math.min(bins - 1, Math.floor(bins * (t - W.first) / Math.max(1, W.last - W.first)));
      counts[b] += 1; max = Math.max(max, counts[b]);
    });
    counts.forEach(function (n, b) {
      if (!n) { return; }
      var bar = el("span", "wm-bar", box);
      bar.style.left = (100 * b / bins) + "%";
      bar.style.width = (100 / bins) + "%";
      bar.style.height = Math.max(15, Math.round(100 * n / max)) + "%";
    });
  }
  W.dateControl = function (map, options) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = el("div", "wm-date leaflet-bar", null, { role: "group", "aria-label": W.text("date") });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var row = el("div", "wm-date-row", div);
      var days = Math.round((W.last - W.first) / DAY);
      L.DomUtil.addClass(button(row, "«", "first_day", function () { W.setTime(W.first); }), "wm-ends");
      button(row, "‹", "previous_day", function () { W.setTime(W.time - DAY); });
      var play = button(row, "▶", "play", function () { W.playing ? W.pause() : W.play(); });
      button(row, "›", "next_day", function () { W.setTime(W.time + DAY); });
      L.DomUtil.addClass(button(row, "»", "last_day", function () { W.setTime(W.last); }), "wm-ends");
      var output = el("output", "wm-output", row, { "aria-live": "off" });
      var more = button(row, "⋯", "more", function () {
        var open = !L.DomUtil.hasClass(div, "wm-open");
        (open ? L.DomUtil.addClass : L.DomUtil.removeClass)(div, "wm-open");
        more.setAttribute("aria-expanded", String(open));
      });
      more.setAttribute("aria-expanded", "false");
      L.DomUtil.addClass(more, "wm-more-btn");
      var extra = el("span", "wm-extra", row);
      var entry = el("input", "wm-day", extra, { type: "date", "aria-label": W.text("date_entry"),
        min: W.formatDate(W.first), max: W.formatDate(W.last) });
      L.DomEvent.on(entry, "change", function () { if (entry.value) { W.setDate(entry.value); } });
      var speed = el("select", "wm-speed", extra, { "aria-label": W.text("speed") });
      SPEEDS.forEach(function (n) {
        var o = el("option", "", speed, { value: String(n) });
        o.textContent = n + " " + W.text("days_per_second");
      });
      speed.value = "30";
      var recent = el("select", "wm-recent", extra, { "aria-label": W.text("recent") + " … " + W.text("days") });
      options.recentDays.forEach(function (n) {
        var o = el("option", "", recent, { value: String(n) });
        o.textContent = n ? "+" + n + " " + W.text("days") : W.text("recent") + ": " + W.text("none");
      });
      L.DomEvent.on(recent, "change", function () { W.recent = Number(recent.value); W.refresh(); });
      var language = el("select", "wm-lang", extra, { "aria-label": W.text("language") });
      var names = { en: "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", fa: "فارسی", ko: "한국어" };
      W.languages.forEach(function (tag) {
        var o = el("option", "", language, { value: tag, lang: tag });
        o.textContent = names[tag] || tag;
      });
      language.value = W.lang;
      L.DomEvent.on(language, "change", function () { W.switchLanguage(language.value); });
      var track = el("div", "wm-track", div, { dir: "ltr" });  /* time runs left to right in every script */
      var hist = el("div", "wm-hist", track, { "aria-hidden": "true" });
      if (options.war && options.war[1] >= W.first && options.war[0] <= W.last) {
        var war = el("span", "wm-war", hist, { title: W.text("war_span") });
        var a = Math.max(W.first, options.war[0]), b = Math.min(W.last, options.war[1]);
        war.style.left = percent(a);
        war.style.width = "calc(" + percent(b) + " - " + percent(a) + ")";
      }
      histogram(hist);
      var range = el("input", "wm-range", track, { type: "range", min: "0", max: String(days), step: "1",
                                                    "aria-label": W.text("date") });
      L.DomEvent.on(range, "input change", function () { W.setTime(W.first + Number(range.value) * DAY); });
      L.DomEvent.on(range, "keydown", function (e) {
        var moves = { ArrowLeft: -DAY, ArrowDown: -DAY, ArrowRight: DAY, ArrowUp: DAY };
        var t = null;
        if (e.key in moves) { t = W.time + moves[e.key]; }
        else if (e.key === "PageUp") { t = W.addMonths(W.time, 1); }
        else if (e.key === "PageDown") { t = W.addMonths(W.time, -1); }
        else if (e.key === "Home") { t = W.first; }
        else if (e.key === "End") { t = W.last; }
        if (t !== null) { L.DomEvent.preventDefault(e); W.setTime(t); }
      });
      W.onChange.push(function (time) {
        var iso = W.formatDate(time);
        output.textContent = iso;
        entry.value = iso;
        range.value = String(Math.round((time - DAY / 2 - W.first) / DAY));
        range.setAttribute("aria-valuetext", iso);
      });
      W.play = function () {
        if (W.time >= W.last - DAY) { W.setTime(W.first); }
        var carry = 0;
        W.playing = setInterval(function () {
          carry += Number(speed.value) / 10;
          var whole = Math.floor(carry);
          carry -= whole;
          if (whole) { W.setTime(W.time + whole * DAY); }
          if (W.time >= W.last - DAY) { W.pause(); }
        }, 100);
        play.textContent = "⏸";
        play.setAttribute("aria-label", W.text("pause"));
        play.title = W.text("pause");
      };
      W.pause = function () {
        clearInterval(W.playing);
        W.playing = null;
        play.textContent = "▶";
        play.setAttribute("aria-label", W.text("play"));
        play.title = W.text("play");
      };
      return div;
    };
    control.addTo(map);
    W.dateControlDiv = control.getContainer();
  };
})(window.warmap);
