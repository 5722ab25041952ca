"""The library: typed models, safe YAML reading, loading and merging, recipes and writing rules."""
