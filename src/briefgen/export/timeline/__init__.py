"""The timeline graphic: one layout, drawn as PDF vectors, a PNG (DOCX) and inline SVG (HTML)."""
