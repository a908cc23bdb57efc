"""Search as you type, the index kept in the background, and agreed language."""
