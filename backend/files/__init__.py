"""Citizens' uploaded materials: content-addressed storage and checked uploads.

Other domains import `backend.files.service` (and the `FileStore` they are handed).
"""
