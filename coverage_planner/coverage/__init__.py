"""The coverage engine: pure functions on GeoDataFrames and numpy arrays."""
