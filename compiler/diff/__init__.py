"""The semantic diff of two rule files, and its renderers. Pure: no disk."""
