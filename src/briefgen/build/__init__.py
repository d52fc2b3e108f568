"""Build orchestration: one brief or a batch, in warm worker processes, watched, written together.

The only stage (with the CLI and the API) that may import every other.
"""
