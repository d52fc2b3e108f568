"""The document: the tree every exporter reads, and the strict markup parser that builds it.

Depends on nothing else in briefgen, as docutils' ``nodes`` does: render produces a Document,
export and the rendered-memo checks read one.
"""
