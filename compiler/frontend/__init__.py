"""The Markdown front end: source text -> Document -> Matrix. The only markdown-it user besides the
site's HTML renderer.
"""
