"""The reader's own data: highlights, notes, tags and bookmarks, and their exports.

Qt-free like corpus/ and index/: the store, the re-anchoring and the exporters serve the
window and the command line alike.
"""
