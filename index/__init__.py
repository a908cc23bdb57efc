"""Full-text search over the library's paragraphs with Whoosh. Qt-free."""
