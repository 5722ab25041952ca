"""Renderers: each turns a plan into file bytes; nothing else imports python-pptx or reportlab."""
