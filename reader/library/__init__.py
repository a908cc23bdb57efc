"""The library pane: every document by body and year, filtered."""
