"""briefgen: one structured YAML brief, a memo per audience, as DOCX, PDF, HTML and Markdown."""

__version__ = "0.1.0"
