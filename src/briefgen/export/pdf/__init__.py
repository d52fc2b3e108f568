"""The PDF exporter: reportlab platypus with embedded fonts, bookmarks, notes in columns."""
