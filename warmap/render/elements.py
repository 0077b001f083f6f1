"""The page's own pieces for folium: shared data, data-driven layers, legend, start-up.

Kept apart from maps.py so the map builder reads as a table of contents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from html import escape
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from branca.utilities import _camelify
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

from warmap.render.styles import side_style, styles

TOJSON = {"sort_keys": True}  # what Jinja's tojson filter passes to json.dumps
DATA_JSON = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}  # the map data: compact, UTF-8


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript literal that is inert in a page and in a Jinja template.

    What Jinja's ``tojson`` gives (sorted keys; ``< > & '`` as ``\\u`` escapes), with braces
    escaped too: branca compiles a MacroElement's rendered script once more as a template,
    so a ``{{ … }}`` inside a string from a source (a file name) would otherwise run.
    """
    text = json.dumps(value, **TOJSON)
    for char in "<>&'{}":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def layer_label(text: str) -> str:
    """A layer control's label (Leaflet shows it as HTML), escaped and brace-free for branca."""
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")


def translatable(key: str, text: str) -> str:
    """Our own label as HTML the page can translate (data/ui_strings.json ``key``); ``text`` is English."""
    return f"<span data-wm-text={key}>{layer_label(text)}</span>"


class RawElement(Element):
    """Text put in the page as it is, not compiled as a Jinja template.

    branca's ``Element(text)`` compiles its text as a template: for the map data
    (megabytes of JSON) lexing and compiling it was most of the page's render time,
    and a "{{" or "{%" quoted from a source would have been read as template syntax.
    The text comes out as Jinja gives plain text back: newlines as "\\n", no final newline.
    """

    def __init__(self, text: str):
        super().__init__()
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs: Any) -> str:
        return self.text

    def get_name(self) -> str:
        return _camel(self._name) + "_" + self._id


class RawMacroElement(MacroElement):
    """A MacroElement whose rendered header, html and script go into the page as RawElements.

    branca wraps each in ``Element(text)``, which compiles the rendered text once more as a
    Jinja template: a compile per element per page, and a "{{" that reached the text would
    run. The text is already what the page gets (RawElement gives it back as Jinja gives
    plain text). Put it after a folium class in the bases to take over MacroElement's render.
    """

    def get_name(self) -> str:
        """branca's name (``_camelify(_name) + "_" + _id``), the class part worked out once per class name."""
        return _camel(self._name) + "_" + self._id

    def render(self, **kwargs: Any) -> None:
        _render_raw(self, kwargs)
        for element in self._children.values():
            if type(element) is ElementAddToElement:  # a shown layer's "addTo": text only, no template
                _render_raw(element, kwargs)
            else:
                element.render(**kwargs)


@lru_cache(maxsize=256)
def _camel(name: str) -> str:
    return _camelify(name)


def _render_raw(element: MacroElement, kwargs: dict[str, Any]) -> None:
    """The element's header, html and script macros into the page as RawElements (not its children)."""
    figure = element.get_root()
    assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
    macros = element._template.module.__dict__
    for part, place in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
        macro = macros.get(part)
        if macro is not None:
            place.add_child(RawElement(macro(element, kwargs)), name=element.get_name())


class Map(folium.Map, RawMacroElement):
    """folium's Map, rendered as a RawMacroElement."""


class FitBounds(folium.FitBounds, RawMacroElement):
    """folium's FitBounds, rendered as a RawMacroElement."""


class FeatureGroup(folium.FeatureGroup, RawMacroElement):
    """folium's FeatureGroup, rendered as a RawMacroElement."""


class TileLayer(folium.TileLayer, RawMacroElement):
    """folium's TileLayer, rendered as a RawMacroElement."""


class LayerControl(folium.LayerControl, RawMacroElement):
    """folium's LayerControl, rendered as a RawMacroElement."""


class SharedData(MacroElement):
    """The map's features, emitted once as ``warmap.data`` (layers share them, nothing is duplicated)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        warmap.data = warmap.decode({{ this.data_json() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], geometry_json: Callable[[Any], str] | None = None):
        super().__init__()
        self.data = data
        self.geometry_json = geometry_json

    def data_json(self) -> str:
        """Sorted keys, HTML-safe as Jinja's ``tojson``, but compact and in UTF-8, not ``\\u`` escapes
        (a Chinese or Persian character is 3 bytes, not 6), each geometry's text from ``geometry_json``."""
        from warmap.features.geojson import collection_json

        options = DATA_JSON
        if self.geometry_json is None or not all(isinstance(v, dict) for v in self.data.values()):
            text = json.dumps(self.data, **options)
        else:
            items = [
                f"{json.dumps(key)}:{collection_json(value, self.geometry_json, options)}"
                for key, value in sorted(self.data.items())
            ]
            text = "{" + ",".join(items) + "}"
        # Inside a script element only "<" can start what ends it (</script, <!--): escaped, nothing
        # from a source can close the element; ">", "&" and "'" are inert in a JSON string there.
        # Line separators become escapes, as any JavaScript needs.
        for char in "<\u2028\u2029":
            text = text.replace(char, f"\\u{ord(char):04x}")
        return text

    def render(self, **kwargs: Any) -> None:
        """As MacroElement.render, but the script (the data) goes in as a RawElement."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "SharedData must be in a Figure to render"
        script = self._template.module.__dict__["script"]
        figure.script.add_child(RawElement(script(self, kwargs)), name=self.get_name())


class DataTimeline(Layer, RawMacroElement):
    """A Leaflet.timeline layer whose features are ``warmap.data[key]`` instead of an inline copy.

    The page's assets load the plugin and the script is ours, so nothing of folium's Timeline
    is used: importing it (folium.plugins, every plugin at once) cost more than the page.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
          var {{ this.get_name() }} = L.timeline(warmap.data[{{ this.js(this.key) }}], warmap.options(true));
          {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    js = staticmethod(js_literal)  # for the template: inert JavaScript literals

    def __init__(self, key: str):
        super().__init__(overlay=True)  # as folium's GeoJson layers are
        self.key = key
        self._name = f"Timeline_{key}"


class StaticLayer(RawMacroElement):
    """An L.geoJSON of ``warmap.data[key]`` that does not follow the date (a phase's start and end fronts)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
          L.geoJSON(warmap.data[{{ this.js(this.key) }}], warmap.{{ this.options }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    js = staticmethod(js_literal)  # for the template: inert JavaScript literals

    def __init__(self, key: str, options: str = "options(false)"):
        super().__init__()
        self.key = key
        self.options = options  # a call of the page's script that gives the Leaflet options


class StartUp(RawMacroElement):
    """Hands the map, land layer, timelines and layer groups to warmap.start with the page's options."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        warmap.start({{ this._parent.get_name() }}, {{ this.land.get_name() }}, {
          {%- for key, layer in this.timelines.items() %}{{ this.js(key) }}: {{ layer.get_name() }},{% endfor -%}
        }, {
          {%- for key, layer in this.groups.items() %}{{ this.js(key) }}: {{ layer.get_name() }},{% endfor -%}
        }, [
          {%- for doc, layer in this.by_doc %}[{{ this.js(doc) }}, {{ layer.get_name() }}],{% endfor -%}
        ], JSON.parse({{ this.js(this.options_json) }}));
        {% endmacro %}
        """
    )

    js = staticmethod(js_literal)  # for the template: inert JavaScript literals

    def __init__(
        self,
        land: MacroElement,
        timelines: dict[str, MacroElement],
        groups: dict[str, MacroElement],
        by_doc: list[tuple[str, MacroElement]],
        options: dict[str, Any],
    ):
        super().__init__()
        self.land = land
        self.timelines = timelines
        self.groups = groups
        self.by_doc = by_doc
        self.options_json = json.dumps(options, **TOJSON)  # a string literal: its braces can be escaped


class Legend(RawMacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var legend = L.control({position: "topleft"});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "wm-legend");
            div.innerHTML = {{ this.js(this.html) }};
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    js = staticmethod(js_literal)  # for the template: inert JavaScript literals

    def __init__(self, html: str):
        super().__init__()
        self.html = html


def legend_html(war: Any = None) -> str:
    from warmap.wars import load_war

    s = styles()
    rows = [f"<details class='wm-legend-box' open><summary>{translatable('legend', 'Legend')}</summary>"]
    for side in load_war(war).side_ids:
        st = side_style(side, war)
        rows.append(
            f"<div><span class='wm-swatch' style='background:{st['colour']};opacity:.6'></span>"
            f"{translatable('side_' + side, st['names']['en'])}</div>"
        )
    for origin, st in s["fronts"].items():
        dash = "dashed" if st["dash"] else "solid"
        rows.append(
            f"<div><span class='wm-line' style='border-top:{st['weight']}px {dash} {st['colour']}'></span>"
            f"{translatable('layer_' + origin, st['label']['en'])}</div>"
        )
    for kind, st in s["event_types"].items():
        rows.append(
            f"<div><span class='wm-icon'><span style='background:{st['colour']}'>{escape(st['symbol'])}"
            f"</span></span> {translatable('type_' + kind, st['label']['en'])}</div>"
        )
    places = s["places"]
    rows.append(
        f"<div><span class='wm-swatch' style='background:{places['fill']};border:1px solid "
        f"{places['colour']};border-radius:5px'></span>{translatable('place_mentioned', 'place mentioned')}</div>"
    )
    rows.append(
        f"<div><span class='wm-swatch' style='background:{places['low_colour']};border:1px dashed "
        f"{places['colour']};border-radius:5px'></span>{translatable('place_low', 'place, low confidence')}</div>"
    )
    days = s["battle_default_days"]
    note = f"A battle, operation or offensive with no end date shows for {days} days from its start."
    rows.append(f"<p class='wm-note' data-wm-text=battle_note data-n={days}>{escape(note)}</p>")
    rows.append("</details>")
    return "".join(rows)
