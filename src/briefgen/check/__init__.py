"""Checks: the brief against its sources, attribution and balance, coverage, the rendered memos.

``briefgen check`` runs them; each finding has a stable code (see ``check.findings``).
"""
