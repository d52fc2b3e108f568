"""Stage 2, the audience: profiles (``audience.yaml`` + templates) on a search path, their style.

An audience says what a reader's memo selects and how it looks; ``extends`` builds on another.
"""
