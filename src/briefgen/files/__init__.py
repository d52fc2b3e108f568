"""Files briefgen writes: safe names, atomic writes, build transactions and the cache folder.

Beneath every pipeline stage: anything that writes a file (a build, ``fingerprint --write``,
``new audience``) goes through here, so every write is atomic and every name portable.
"""
