"""Build safeguarding training sessions from a cited library of case-review learning points."""

__version__ = "0.1.0"
