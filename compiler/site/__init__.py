"""The reference site: a mkdocs plugin that publishes the pipeline's matrices, with their history
and search.
"""
