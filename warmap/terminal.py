"""Text from a source, made safe to print on a terminal.

A source can carry terminal escapes (ESC, 8-bit CSI, BEL…) that would set the window
title, clear the screen or plant a link when printed raw. Every human-readable line
with text from a source goes through ``printable``; ``--json`` output escapes them as
JSON does.
"""

from __future__ import annotations

# C0 controls but tab and newline, DEL and the C1 controls: shown as \xNN; a carriage
# return (CRLF sources) is dropped, as the terminal would only move back over the line.
_ESCAPED = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code not in (0x09, 0x0A)}
_ESCAPED[0x0D] = None


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline written as ``\\xNN``."""
    return text_name(text.translate(_ESCAPED))


def text_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (``bad\\xff.txt``) written as ``\\xNN``.

    Python hands such names (and such arguments) over with lone surrogates, which no
    UTF-8 output can hold.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def safe_markup(text: str) -> str:
    """``printable`` and escaped for rich markup: source text inside a rich string."""
    from rich.markup import escape

    return escape(printable(text))
