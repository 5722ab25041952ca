"""The deck writer (python-pptx): the only package that imports python-pptx."""
