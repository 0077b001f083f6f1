"""A notebook's tour of the scripting API: events as a GeoDataFrame, parsed dates, accessors, exports.

Each block below is one notebook cell. Run: python examples/notebook_tour.py [OUT_DIR] [SOURCE ...]
With no SOURCE the bundled texts are read; nothing goes to the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

import warmap


def main(out: str = "output/tour", sources: list[str] | None = None) -> dict[str, Path]:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)

    # %% Read the texts once; everything below is a view of this object.
    campaign = warmap.Campaign.from_sources(sources or [], offline=True)
    print(f"{len(campaign.events)} events; types known: {', '.join(warmap.event_types())}")

    # %% Events as a GeoDataFrame. Filter on event_type: `events.type` is GeoPandas' geometry type.
    events = campaign.to_geodataframe("event")
    battles = events[events.event_type == "battle"]
    print(f"{len(battles)} battles (also campaign.battles: {len(campaign.battles)})")

    # %% Dates are parsed: start_date/end_date are the first and last day the text allows,
    # date_precision says how exact the text was ("1950-08" → month).
    print(events.date_precision.value_counts(dropna=False).to_string())
    autumn = events[events.start_date.between("1950-09-01", "1950-11-30")]
    columns = ["start", "end", "start_date", "end_date", "date_precision", "event_type", "name"]
    print(autumn.sort_values("start_date")[columns].head(8).to_string(index=False))
    longest = events.assign(days=(events.end_date - events.start_date).dt.days + 1).nlargest(3, "days")
    print(longest[["name", "event_type", "days"]].to_string(index=False))

    # %% Per phase: Phase.events holds ids (as in the JSON); events_in gives the Event objects.
    for phase in campaign.phases_for("us-army")[:3]:
        told = campaign.events_in(phase)
        kinds = sorted({e.type for e in told})
        print(f"{phase.start} {phase.title.get('en', phase.id)}: {len(told)} events ({', '.join(kinds)})")

    # %% One type, or several, checked against the event-type registry.
    landings = campaign.events_of("landing", "crossing")
    print("landings and crossings:", "; ".join(e.title.get("en", e.id) for e in landings[:5]))

    # %% A map with the bundled land as its first base layer (no tile server needed to read it).
    first = campaign.phases_for("us-army")[0]
    campaign.map(first, base="land").save(str(folder / f"{first.id}.html"))

    # %% Exports by name or suffix: Linked Places for gazetteers, GeoParquet for data frames.
    written = {"lpf": campaign.export(folder / "korea.lpf.json"), "csv": campaign.export(folder / "korea.csv")}
    try:
        written["parquet"] = campaign.to_geoparquet(folder / "korea.parquet")
    except ImportError as error:  # pyarrow is the optional extra warmap[parquet]
        print(error)
    print("wrote", ", ".join(str(p) for p in written.values()))
    return written


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["output/tour"]), sources=sys.argv[2:])
