"""The terrain-aware model: line of sight over a DEM, path loss, best server."""
