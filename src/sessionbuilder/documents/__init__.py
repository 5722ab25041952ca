"""Renderer-neutral documents: the document model, and the handout, sheet, guide and evaluation made of it."""
