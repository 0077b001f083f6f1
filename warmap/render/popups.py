"""Popup HTML for map features, built from the GeoJSON properties.

Everything that comes from a text goes through ``html.escape``: a ``<script>`` in a
source sentence must show as text. The sentence is how a reader checks the map, so
every popup ends with the sentences and the document each comes from.
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


def _names(names: dict[str, str]) -> str:
    if not names:
        return ""
    first_lang = "en" if "en" in names else sorted(names)[0]
    head = f"<div class=wm-title>{_e(names[first_lang])}</div>"
    others = [
        f'<span class=wm-name lang="{_e(lang)}"><b>{_e(lang)}</b> {_e(name)}</span>'
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
    tail = f"<li class=wm-more>… and {more} more sentence{'s' if more > 1 else ''}</li>" if more > 0 else ""
    return f"<div class=wm-sources><b>Sources</b><ul>{''.join(items)}{tail}</ul></div>"


def _value(value: Any) -> str:
    """A conflict's claim, whatever shape the chronology gives it, as escaped HTML."""
    if isinstance(value, dict):
        parts = [f"<b>{_e(k)}</b>: {_value(v)}" for k, v in sorted(value.items())]
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


def _conflicts(conflicts: list[Any]) -> str:
    if not conflicts:
        return ""
    items = []
    for conflict in conflicts:
        if isinstance(conflict, dict) and isinstance(conflict.get("claims"), list):
            about = conflict.get("field") or conflict.get("about") or "details"
            items.append(f"<li>about <b>{_e(about)}</b>:{_claims(conflict['claims'])}</li>")
        elif isinstance(conflict, dict):
            about = conflict.get("field") or conflict.get("about") or conflict.get("what") or "details"
            rest = {k: v for k, v in conflict.items() if k not in ("field", "about", "what")}
            items.append(f"<li>about <b>{_e(about)}</b>: {_value(rest)}</li>")
        else:
            items.append(f"<li>{_value(conflict)}</li>")
    return f"<div class=wm-conflict><b>⚠ The sources disagree</b><ul>{''.join(items)}</ul></div>"


def popup_html(properties: dict[str, Any], sources: list[dict[str, Any]] | None = None, war: Any = None) -> str:
    """The popup of one feature; ``sources`` overrides the feature's (one document's layer)."""
    kind = properties["kind"]
    refs = properties.get("sources", []) if sources is None else sources
    when = date_span(properties.get("start"), properties.get("end"))
    if kind == "event":
        style = event_style(properties.get("type", "other"))
        what = (
            f"<span class=wm-badge style=background:{style['colour']}>{_e(style['symbol'])}</span> "
            f"{_e(style['label']['en'])}"
        )
    elif kind == "place":
        what = _e(properties.get("feature", "place"))
        confidence = properties.get("confidence")
        if confidence is not None:
            what += f" · confidence {_e(confidence)} ({_e(properties.get('resolver', ''))})"
        if properties.get("surfaces"):
            what += "<br>as written: " + ", ".join(_e(s) for s in properties["surfaces"])
    elif kind == "front":
        what = _e(front_style(properties.get("origin", "text"))["label"]["en"])
        if properties.get("source_note"):
            what += f"<br><i>{_e(properties['source_note'])}</i>"
    else:
        side = side_style(properties.get("side", ""), war)
        what = f"<span class=wm-badge style=background:{side['colour']}>&nbsp;</span> territory"
    return (
        f"<div class=wm-popup>{_names(properties.get('names', {}))}"
        f"<div class=wm-what>{what}</div><div class=wm-when>{_e(when)}</div>"
        f"{_conflicts(properties.get('conflicts', []))}{_sources(refs)}</div>"
    )
