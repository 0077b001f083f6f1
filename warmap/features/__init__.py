"""Features: what the stages found, as GeoJSON features both the maps and the files read.

``render`` (folium maps) and ``export`` (campaign.geojson, GeoPackage, CSV) each read this
layer and neither imports the other: ``geojson`` builds the feature collections (places,
events, fronts, territory; one phase's or the whole campaign's) and their compact text,
``geometry`` normalises shapes to RFC 7946, ``timespan`` reads the features' dates as day
intervals, and ``sides`` names the war's sides.
"""
