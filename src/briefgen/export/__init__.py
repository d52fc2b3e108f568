"""Exporters: each turns a Document and a Style into the bytes of one file format."""
