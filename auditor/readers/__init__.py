"""Readers: files → :class:`auditor.models.Document`.

Layout readers (one cell a line, markdown pipe tables, .docx, .xlsx, .pdf,
.html) produce the same intermediate :mod:`blocks <auditor.readers.blocks>`
(headings, paragraphs and grids of cells with their lines); the interpreters
(:mod:`performance`, :mod:`disclosure`, :mod:`notice`) turn blocks into models.
So every rule works unchanged whatever the file was.
"""
