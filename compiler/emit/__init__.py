"""Emitters: models -> the text of generated files (rule file, versioning, validator, input
schema). Pure: no disk.
"""
