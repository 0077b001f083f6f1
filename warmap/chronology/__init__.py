"""Chronology: the dates the texts give, the events they tell, the phases of the war.

``dates.find_dates`` turns every date form of the supported languages into
DateMentions with their precision; ``events.extract_events`` joins dates,
resolved places and actions into Events and merges what several texts tell of
the same happening, keeping their disagreements as data.
"""
