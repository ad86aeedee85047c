"""The printable PDFs: the checklists, the whole handbook, and WeasyPrint in worker processes."""
