"""The evaluation form: each learning outcome rated before and after the session, what was most
useful and what will change; a follow-up 6-8 weeks later with the participant's manager; and a
one-page team action plan.

Partnerships commonly ask for exactly this: a baseline and post-session rating (here rated
looking back, at the end of the session), then evidence of impact weeks later.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessionbuilder.plan import SessionPlan

SCALE = "1 = not at all confident, 5 = very confident"
RATING_HEADERS = ("Learning outcome", "Before the session (1-5)", "After the session (1-5)")
ABOUT_YOU = ("Name (optional)", "Role", "Organisation or team")
AFTER_SESSION = (
    "What was most useful about the session?",
    "What will you do differently as a result? Give one example.",
    "Is there anything we could improve?",
)
FOLLOW_UP = (
    "What has changed in your practice since the session?",
    "Describe an example of when you used the learning, and what difference it made for a child "
    "or family.",
    "Manager's comment: what have you noticed, and what support is needed to keep the change "
    "going?",
)
FOLLOW_UP_SIGN = ("Participant", "Manager", "Date of the conversation")
ACTION_HEADERS = ("What we will do", "Who", "By when", "How we will know")
ACTION_ROWS = 6


def outcomes(plan: SessionPlan, stated: Sequence[str]) -> tuple[str, ...]:
    """The recipe's learning outcomes, or for a session made from a selection, one per theme
    covered (at most four) and the closing commitment."""
    if stated:
        return tuple(stated)
    themes = [g.label for g in plan.groups if g.theme != "voice-of-child"][:4]
    lowered = [t if t[1:2].isupper() else t[:1].lower() + t[1:] for t in themes]  # keep "CSE"
    return (*(f"Describe what serious case reviews found about {t}, and what to do differently"
              for t in lowered),
            "Identify one change they will make to their own practice after this session")
