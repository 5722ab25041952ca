"""Text: which characters may be output, real font metrics, fitting and splitting, right-to-left order."""
