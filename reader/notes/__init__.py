"""Highlights, notes and bookmarks: drawing them, the Notes tab, their dialogs and commands."""
