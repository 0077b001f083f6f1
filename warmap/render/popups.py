"""Popup HTML for map features, built from the GeoJSON properties.

Everything that comes from a text goes through ``html.escape``: a ``<script>`` in a
source sentence must show as text. The sentence is how a reader checks the map, so
every popup ends with the sentences and the document each comes from.

The popup's own words (labels, event types, "Sources") are written in English and
carry their key in data/ui_strings.json (``data-wm-text``): the page shows them in its
interface language when a popup opens, and an event's title in that language when the
event has a name in it (data/map.js). Source sentences stay as they were written.
"""

from __future__ import annotations

from html import escape
from typing import Any

from warmap.render.styles import event_style, front_style, side_style

MAX_SOURCES = 6
MAX_SENTENCE = 400


# Attribute values are left unquoted where HTML allows it (class names, colours): the popup
# travels inside JSON in the page, where every quote or bracket costs bytes (10,000 events).
def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _t(key: str, english: str, n: int | None = None) -> str:
    """Our own words as a span the page translates (``key`` in ui_strings.json; ``{n}`` filled from data-n)."""
    count = f" data-n={n}" if n is not None else ""
    return f"<span data-wm-text={key}{count}>{_e(english.replace('{n}', str(n)))}</span>"


def _names(names: dict[str, str]) -> str:
    if not names:
        return ""
    first_lang = "en" if "en" in names else sorted(names)[0]
    head = f'<div class=wm-title lang="{_e(first_lang)}">{_e(names[first_lang])}</div>'
    others = [
        f'<span class=wm-name lang="{_e(lang)}"><b>{_e(lang)}</b> <span>{_e(name)}</span></span>'
        for lang, name in sorted(names.items())
        if lang != first_lang
    ]
    return head + (f"<div class=wm-names>{' · '.join(others)}</div>" if others else "")


def date_span(start: str | None, end: str | None) -> str:
    """'1950-09-15 – 1950-09-19', '1950-09', or 'undated'."""
    if start and end and end != start:
        return f"{start} – {end}"
    return start or end or "undated"


def _sources(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return ""
    items = []
    for ref in sources[:MAX_SOURCES]:
        text = ref.get("text", "")
        if len(text) > MAX_SENTENCE:
            text = text[:MAX_SENTENCE] + "…"
        items.append(
            f"<li><q class=wm-sentence dir=auto>{_e(text)}</q> "
            f"<span class=wm-doc>— {_e(ref.get('doc', ''))} @{_e(ref.get('start', ''))}</span></li>"
        )
    more = len(sources) - MAX_SOURCES
    tail = f"<li class=wm-more>{_t('pop_more', '… and {n} more', more)}</li>" if more > 0 else ""
    return f"<div class=wm-sources><b>{_t('pop_sources', 'Sources')}</b><ul>{''.join(items)}{tail}</ul></div>"


def _value(value: Any) -> str:
    """A conflict's claim, whatever shape the chronology gives it, as escaped HTML."""
    if isinstance(value, dict):
        parts = [f"<b>{_t('field_' + _key(k), str(k))}</b>: {_value(v)}" for k, v in sorted(value.items())]
        return "; ".join(parts)
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{_value(v)}</li>" for v in value) + "</ul>"
    return _e(value)


def _claims(claims: list[Any]) -> str:
    """Each claim as “value” — document (whatever else it carries, escaped)."""
    items = []
    for claim in claims:
        if isinstance(claim, dict) and "value" in claim:
            rest = {k: v for k, v in claim.items() if k not in ("value", "doc")}
            items.append(
                f"<li>“{_value(claim['value'])}” <span class=wm-doc>— {_e(claim.get('doc', ''))}</span>"
                + (f" {_value(rest)}" if rest else "")
                + "</li>"
            )
        else:
            items.append(f"<li>{_value(claim)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _key(word: Any) -> str:
    """A word of the data as part of a ui_strings key: lower case letters, digits and "_" only."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(word).lower())


def _about(field: Any) -> str:
    return f"{_t('pop_about', 'about')} <b>{_t('field_' + _key(field), str(field))}</b>"


def _when(when: str) -> str:
    """The dates, kept left to right inside a right-to-left popup (a range would read backwards)."""
    return _t("undated", when) if when == "undated" else f"<span dir=ltr>{_e(when)}</span>"


def _conflicts(conflicts: list[Any]) -> str:
    if not conflicts:
        return ""
    items = []
    for conflict in conflicts:
        if isinstance(conflict, dict) and isinstance(conflict.get("claims"), list):
            about = conflict.get("field") or conflict.get("about") or "details"
            items.append(f"<li>{_about(about)}:{_claims(conflict['claims'])}</li>")
        elif isinstance(conflict, dict):
            about = conflict.get("field") or conflict.get("about") or conflict.get("what") or "details"
            rest = {k: v for k, v in conflict.items() if k not in ("field", "about", "what")}
            items.append(f"<li>{_about(about)}: {_value(rest)}</li>")
        else:
            items.append(f"<li>{_value(conflict)}</li>")
    return f"<div class=wm-conflict><b>⚠ {_t('pop_disagree', 'The sources disagree')}</b><ul>{''.join(items)}</ul></div>"


def popup_html(properties: dict[str, Any], sources: list[dict[str, Any]] | None = None, war: Any = None) -> str:
    """The popup of one feature; ``sources`` overrides the feature's (one document's layer)."""
    kind = properties["kind"]
    refs = properties.get("sources", []) if sources is None else sources
    when = date_span(properties.get("start"), properties.get("end"))
    if kind == "event":
        style = event_style(properties.get("type", "other"))
        what = (
            f"<span class=wm-badge style=background:{style['colour']}>{_e(style['symbol'])}</span> "
            f"{_t('type_' + _key(properties.get('type', 'other')), style['label']['en'])}"
        )
    elif kind == "place":
        feature = str(properties.get("feature", "place"))
        what = _t("feature_" + _key(feature), feature)
        confidence = properties.get("confidence")
        if confidence is not None:
            what += f" · {_t('pop_confidence', 'confidence')} {_e(confidence)} ({_e(properties.get('resolver', ''))})"
        if properties.get("surfaces"):
            what += f"<br>{_t('pop_as_written', 'as written:')} " + ", ".join(_e(s) for s in properties["surfaces"])
    elif kind == "front":
        origin = "curated" if properties.get("origin") == "curated" else "text"
        what = _t("layer_" + origin, front_style(origin)["label"]["en"])
        if properties.get("source_note"):
            what += f"<br><i>{_e(properties['source_note'])}</i>"
    else:
        side = side_style(properties.get("side", ""), war)
        name = _t("side_" + _key(properties.get("side", "")), side["names"].get("en", ""))
        what = f"<span class=wm-badge style=background:{side['colour']}>&nbsp;</span> {name} · "
        what += _t("layer_territory", "Territory")
    return (
        f"<div class=wm-popup>{_names(properties.get('names', {}))}"
        f"<div class=wm-what>{what}</div><div class=wm-when>{_when(when)}</div>"
        f"{_conflicts(properties.get('conflicts', []))}{_sources(refs)}</div>"
    )
