"""The disk: configuration, sources, the pipeline that runs each stage once, atomic outputs,
history.
"""
