"""The site's page model and HTML, in plain Python: any generator can publish it.

pages.py says which pages exist at which permanent URL; render_*.py turn a page
into escaped HTML. The MkDocs hooks in hooks/ only adapt this to MkDocs.
"""
