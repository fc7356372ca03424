"""Monthly reports: one set of queries in the core feeds the PDF, the JSON, the .xlsx export
and the screen (DESIGN.md §4, §10)."""
