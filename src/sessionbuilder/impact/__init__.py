"""Did the training make a difference? Evaluation answers read from our own workbook and from
Microsoft Forms and Google Forms exports, matched to a recipe's learning outcomes, and analysed
for the board's impact report (which `documents/impact.py` lays out).

reading.py (cells from .xlsx and .csv) → matching.py (which column is which question) →
responses.py (answers, and the rows left out with their reasons) → analysis.py (the numbers).
"""
