"""Reading and writing: loaders with validation, column aliases, CRS, encodings, writers."""
