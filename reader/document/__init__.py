"""Reading one document: the view, its HTML rendering, find, links, the outline and references."""
