"""The Persian gold: every reviewed mention as (start, surface, place key, note); offsets checked on write."""

from __future__ import annotations

from pathlib import Path

from jsonl_io import read_text, write

DOC = "fa-korean-war.txt"
PLACES = {  # key: (name, feature, lat, lon)
    "KP": ("North Korea", "country", 40.0, 127.0),
    "KR": ("South Korea", "country", 36.5, 127.9),
    "KOREA": ("Korea", "region", 38.0, 127.5),
    "US": ("United States", "country", 39.8, -98.6),
    "SU": ("Soviet Union", "country", 61.5, 105.3),
    "CN": ("China", "country", 35.0, 103.0),
    "P38": ("38th parallel", "line", 38.0, 127.0),
    "SEOUL": ("Seoul", "city", 37.566, 126.978),
    "BUSAN": ("Busan", "city", 35.180, 129.076),
    "PYONGYANG": ("Pyongyang", "city", 39.039, 125.763),
    "MANCHURIA": ("Manchuria", "region", 44.0, 126.0),
    "PANMUNJOM": ("Panmunjom", "village", 37.956, 126.677),
    "MDL": ("Military Demarcation Line", "line", 37.956, 126.677),
    "DMZ": ("Korean Demilitarized Zone", "region", 37.956, 126.677),
}
# (start, surface, key, note) — reviewed one by one against the text.
MENTIONS = [
    (40, "کره", "KOREA", "'the two Koreas'"),
    (72, "کره شمالى", "KP", ""),
    (134, "کره جنوبى", "KR", ""),
    (177, "آمريکا", "US", ""),
    (194, "شوروى", "SU", ""),
    (294, "کره شمالى", "KP", ""),
    (312, "مدار ۳۸ درجه", "P38", ""),
    (369, "آمريکا", "US", ""),
    (427, "کره شمالى", "KP", ""),
    (582, "سئول", "SEOUL", ""),
    (594, "کره جنوبى", "KR", ""),
    (637, "کره جنوبى", "KR", ""),
    (649, "آمريکا", "US", ""),
    (669, "پوسان", "BUSAN", ""),
    (676, "Pusan", "BUSAN", "Latin gloss"),
    (754, "کره جنوبى", "KR", ""),
    (790, "کره", "KOREA", "coasts of Korea"),
    (833, "کره شمالى", "KP", ""),
    (978, "سئول", "SEOUL", ""),
    (1082, "پيونگ يانگ", "PYONGYANG", ""),
    (1100, "کره شمالى", "KP", ""),
    (1155, "کره جنوبى", "KR", ""),
    (1181, "منچورى", "MANCHURIA", "qualifier مرز (border of)"),
    (1217, "کره جنوبى", "KR", ""),
    (1253, "چين", "CN", ""),
    (1273, "منچورى", "MANCHURIA", ""),
    (1287, "کره شمالى", "KP", ""),
    (1434, "سئول", "SEOUL", ""),
    (1469, "کره شمالى", "KP", ""),
    (1572, "سئول", "SEOUL", ""),
    (1653, "سئول", "SEOUL", ""),
    (1666, "کره شمالى", "KP", ""),
    (1733, "سئول", "SEOUL", ""),
    (1806, "کره", "KOREA", "'the two Koreas'"),
    (1876, "کره", "KOREA", "'the two Koreas'"),
    (1949, "کره شمالى", "KP", ""),
    (1961, "چين", "CN", ""),
    (2008, "آمريکا", "US", ""),
    (2024, "خط آتشبس", "MDL", "uncertain: descriptive name of the armistice line (counted like 军事分界线)"),
    (2035, "منطقه غيرنظامى", "DMZ", "uncertain: descriptive name of the DMZ (counted like 非军事区)"),
    (2066, "مدار ۳۸ درجه", "P38", ""),
    (2189, "پانمونجوم", "PANMUNJOM", "qualifier دهکده (village)"),
    (2200, "Panmunjom", "PANMUNJOM", "Latin gloss"),
    (2265, "کره جنوبى", "KR", ""),
    (2434, "کره شمالى", "KP", ""),
    (2545, "کره", "KOREA", "inhabitants of Korea"),
]


def main() -> None:
    text = read_text(DOC)
    rows = []
    for start, surface, key, note in MENTIONS:
        name, feature, lat, lon = PLACES[key]
        rows.append({"doc": DOC, "start": start, "end": start + len(surface), "surface": surface, "name": name,
                     "feature": feature, "lat": lat, "lon": lon, "note": note})
    write(Path(__file__).resolve().parents[1] / "places-fa.jsonl", rows, text)


if __name__ == "__main__":
    main()
