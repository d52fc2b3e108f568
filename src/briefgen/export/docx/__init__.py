"""The DOCX exporter: Word's named styles, real footnotes and fields, a reference's branding."""
