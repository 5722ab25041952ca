"""The evaluation form: each learning outcome rated before and after the session, what was most
useful and what will change; a follow-up 6-8 weeks later with the participant's manager; and a
one-page team action plan.

Partnerships commonly ask for exactly this: a baseline and post-session rating (here rated
looking back, at the end of the session), then evidence of impact weeks later.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessionbuilder.documents.model import Document, Heading, Para, Table, clip
from sessionbuilder.library.models import Outcome
from sessionbuilder.session.plan import SessionPlan
from sessionbuilder.render.style import PDF

SCALE = "1 = not at all confident, 5 = very confident"
RATING_HEADERS = ("Learning outcome", "Before the session (1-5)", "After the session (1-5)")
ABOUT_YOU = ("Name (optional)", "Role", "Organisation or team", "Date of the session")
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


def outcomes(plan: SessionPlan, stated: Sequence[Outcome]) -> tuple[str, ...]:
    """The recipe's learning outcomes that this session delivers (its points are on the slides,
    its activity is in the session), or for a session made from a selection, one per theme
    covered (at most four) and the closing commitment."""
    shown = {s.point_id for s in plan.slides if s.point_id} | {
        o.id for o in plan.omitted if o.said_by}  # an extract or passage says it instead
    kinds = {s.kind for s in plan.slides}
    delivered = tuple(o.outcome for o in stated
                      if set(o.points) <= shown and (not o.activity or o.activity in kinds))
    if delivered:
        return delivered
    themes = [g.label for g in plan.groups if g.theme != "voice-of-child"][:4]
    lowered = [t if t[1:2].isupper() else t[:1].lower() + t[1:] for t in themes]  # keep "CSE"
    return (*(f"Describe what serious case reviews found about {t}, and what to do differently"
              for t in lowered),
            "Identify one change they will make to their own practice after this session")


def evaluation(plan: SessionPlan, stated: Sequence[Outcome], date: str) -> Document:
    """The form: part 1 at the end of the session, part 2 with the manager 6-8 weeks later,
    part 3 the team's action plan. Empty cells are for the participant to fill in."""
    rated = outcomes(plan, stated)
    body = (
        Table("About you", ("About you", "Your answer"), tuple((x, "") for x in ABOUT_YOU),
              (35, 65)),
        Heading("Part 1: at the end of the session"),
        Para("For each learning outcome, rate yourself from 1 to 5: first as you were before "
             f"the session, looking back, then as you are now ({SCALE})."),
        Table("How confident are you in each learning outcome?", RATING_HEADERS,
              tuple((o, "", "") for o in rated), (60, 20, 20)),
        Table("Your reflections", ("Question", "Your answer"),
              tuple((q, "") for q in AFTER_SESSION), (40, 60), write_in=True),
        Heading("Part 2: follow-up 6-8 weeks later, with your manager", new_page=True),
        Para("Keep this form. About 6-8 weeks after the session, talk these questions through "
             "with your manager and write down your answers together."),
        Table("What has changed", ("Question", "Your answer"),
              tuple((q, "") for q in FOLLOW_UP), (40, 60), write_in=True),
        Table("Signed", ("Who", "Name", "Signature", "Date"),
              tuple((who, "", "", "") for who in FOLLOW_UP_SIGN[:2]), (20, 30, 30, 20)),
        Heading("Part 3: team action plan", new_page=True),
        Para("Agree with your team what you will do differently as a result of the session, "
             "who will do it, by when, and how you will know it has made a difference for "
             "children."),
        Table("Team action plan", ("Action", *ACTION_HEADERS),
              tuple((str(n), "", "", "", "") for n in range(1, ACTION_ROWS + 1)),
              (10, 36, 16, 12, 26), write_in=True),
    )
    meta = tuple((label, value) for label, value in (
        ("Session", plan.title), ("For", plan.audience), ("Length", f"{plan.minutes} minutes"))
        if value)
    footer = " · ".join(x for x in (plan.branding.footer, plan.branding.website) if x)
    return Document(
        "evaluation", clip(f"Evaluation form: {plan.title}", PDF.max_title_chars), None,
        plan.branding.partnership, meta,
        (Para("Thank you for taking part. Please fill in part 1 at the end of the session and "
              "hand in a copy. Keep the form: part 2 is for a conversation with your manager "
              "6-8 weeks from now, and part 3 is your team's action plan.", "lead"),),
        body, (footer,) if footer else (), plan.branding, plan.logo, date,
        f"Evaluation form for the safeguarding training session “{plan.title}”",
        ("evaluation", "learning outcomes", "action plan"))
