"""Fonts: the bundled families, their faces and the characters they cover.

Beneath the pipeline: the brief's text checks, the timeline layout and the exporters read it.
"""
