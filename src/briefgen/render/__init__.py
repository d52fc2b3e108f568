"""Stage 3, render: Brief + Audience -> template view -> sandboxed Jinja -> markup -> Document.

What a memo holds, its order, numbering and notes are decided here, once, for every format.
"""
