"""Two documents side by side: the comparison tab and its rendering."""
