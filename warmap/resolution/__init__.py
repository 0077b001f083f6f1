"""Resolution: choosing the place each mention names (gazetteer first, then the geopy fallback)."""
