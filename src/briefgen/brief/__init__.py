"""Stage 1, the brief: located YAML, the typed model, loading, cross-references, text checks.

``BRIEF.yaml`` -> :class:`~briefgen.brief.model.Brief`, or every problem located as
``FILE:LINE:COL: path.to.field: message``.
"""
