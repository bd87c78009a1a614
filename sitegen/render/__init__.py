"""Stage 3, render: loaded content to Markdown pages in memory (templates, JSON-LD, citations, tooltips, QR codes)."""
