"""Adding documents to the library: File → Import…, drag and drop, Remove from Library."""
