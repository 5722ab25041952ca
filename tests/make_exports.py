"""Evaluation answers made like the real thing, for the impact tests (deterministic: a fixed seed).

- a Microsoft Forms export (.xlsx): ID, Start time, Completion time, Email, Name, then one
  column per question, each outcome asked before and after in the partnership's own words;
- a Google Forms export (.csv): Timestamp, then a rating grid ("Question [outcome]");
- our own workbook from `evaluation --format xlsx`, filled in: one per session, with follow-ups
  and a team action plan.
Each has 40 participants over 3 sessions of the "neglect-and-adolescents" recipe.

    python tests/make_exports.py OUTDIR     # writes the three for a look
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

RECIPE = "neglect-and-adolescents"
DATES = (dt.date(2026, 3, 4), dt.date(2026, 3, 11), dt.date(2026, 3, 18))
PEOPLE = 40
FIRST = ("Alex", "Sam", "Priya", "Jordan", "Chris", "Fatima", "Owen", "Grace", "Tomasz", "Aisha")
LAST = ("Morgan", "Patel", "Okafor", "Williams", "Nowak", "Hughes", "Khan", "Evans")
# The partnership's own wording of each outcome (small differences from the recipe's).
ASKED = (
    "explain how neglect builds up over time and why reviews found it most prominent among "
    "young people aged 11 to 15",
    "see the vulnerable child behind a young person’s behavior",
    "recognise child sexual and criminal exploitation as abuse, never a life-style choice",
    "respond with curiosity when a young person repeatedly goes missing, and share what is "
    "learnt",
    "identify one change you will make to your own practice and one for your agency",
)
DIFFERENT = (
    "Ask about neglect when I see an older child who is always hungry",
    "Look behind the behaviour and ask what is happening at home",
    "Treat every missing episode as a sign, and ask the young person why",
    "Use the exploitation screening tool rather than calling it a lifestyle choice",
    "Share what I learn from return interviews with the police",
    "Check my own caseload for teenagers we have stopped worrying about",
    "Talk to my team about keeping relationships going",
    "Be more curious",
)
USEFUL = ("The case extract", "Hearing about adolescents", "The discussion in small groups",
          "The figures on neglect")
CHANGED = ("I now ask about food and clothes for teenagers, not only younger children",
           "I raised a strategy discussion for a 14-year-old who kept going missing",
           "We added a question on exploitation to our referral form")
EXAMPLES = ("A boy of 15 who was excluded: I looked at what was happening at home first",
            "A return interview where I asked who she was with, and shared it with the police")
MANAGER = ("More confident in challenging other agencies", "Needs time in supervision to keep this going",
           "Has shared the learning with the team")
ACTIONS = (("Add neglect of adolescents to the team's supervision checklist", "Team manager",
            "30 April 2026", "Audit of ten cases in June"),
           ("Return interviews shared with police within 72 hours", "Senior practitioner",
            "May 2026", "Monthly report to the missing panel"),
           ("Team briefing on exploitation screening", "Practice lead", "April 2026",
            "Screening tool used in every referral"))


def participants(seed: int = 21) -> list[dict]:
    """40 people, each with a session date, ratings before and after, and their answers."""
    rng = random.Random(seed)
    out = []
    for n in range(PEOPLE):
        first, last = FIRST[n % len(FIRST)], LAST[(n * 3) % len(LAST)]
        before = [rng.choice((1, 2, 2, 3, 3, 3, 4)) for _ in ASKED]
        after = [max(1, min(5, b + rng.choice((-1, 0, 1, 1, 1, 2)))) for b in before]
        out.append({
            "name": f"{first} {last}", "email": f"{first}.{last}{n}@council.example.gov.uk".lower(),
            "date": DATES[n * len(DATES) // PEOPLE],
            "time": dt.time(10 + n % 3, (7 * n) % 60, (13 * n) % 60),
            "before": before, "after": after,
            "different": DIFFERENT[rng.randrange(len(DIFFERENT))] if n % 5 else "",
            "useful": USEFUL[n % len(USEFUL)]})
    return out


def ms_forms(path: Path, people: list[dict] | None = None) -> Path:
    """A Microsoft Forms export: one column per question, as Forms names them."""
    from openpyxl import Workbook
    people = people or participants()
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    questions = [f"{time} the session, how confident were you to {o}?"
                 if time == "Before" else f"After the session, how confident are you to {o}?"
                 for o in ASKED for time in ("Before", "After")]
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", *questions,
               "What was the most useful part of the session?",
               "What will you do differently as a result?"])
    for n, p in enumerate(people, 1):
        end = dt.datetime.combine(p["date"], p["time"])
        ratings = [x for pair in zip(p["before"], p["after"], strict=True) for x in pair]
        ws.append([n, end - dt.timedelta(minutes=4), end, p["email"], p["name"], *ratings,
                   p["useful"], p["different"] or None])
    wb.save(path)
    return path


def google_forms(path: Path, people: list[dict] | None = None, encoding: str = "utf-8") -> Path:
    """A Google Forms export: Timestamp, then a rating grid per time ("Question [row]")."""
    people = people or participants()
    before_q = "How confident were you before the session?"
    after_q = "How confident are you now, after the session?"
    rows = [["Timestamp", *(f"{before_q} [{o}]" for o in ASKED),
             *(f"{after_q} [{o}]" for o in ASKED), "What will you do differently?"]]
    for p in people:
        stamp = dt.datetime.combine(p["date"], p["time"])
        rows.append([stamp.strftime("%Y/%m/%d %I:%M:%S %p GMT").replace("AM", "am")
                     .replace("PM", "pm"), *map(str, p["before"]), *map(str, p["after"]),
                     p["different"]])
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def own_workbooks(folder: Path, people: list[dict] | None = None) -> list[Path]:
    """Our own workbook, one per session, filled in as a business-support officer would."""
    from openpyxl import load_workbook

    from sessionbuilder.commands.build import Request
    from sessionbuilder.commands.impact import workbook
    people = people or participants()
    files = []
    for k, day in enumerate(DATES):
        path = folder / f"{RECIPE}-{day.isoformat()}.xlsx"
        workbook(Request(recipe=RECIPE), path, day)
        wb = load_workbook(path)
        ws = wb["Responses"]
        row = 5
        for p in (p for p in people if p["date"] == day):
            ratings = [x for pair in zip(p["before"], p["after"], strict=True) for x in pair]
            for col, value in enumerate([p["name"], *ratings, p["useful"], p["different"] or None,
                                         None], 1):
                ws.cell(row, col, value)
            row += 1
        for i in range(3 if k < 2 else 0):  # the last session's follow-ups are not back yet
            _put(wb["Follow-up"], 4 + i, [f"P{k}{i}", CHANGED[i], EXAMPLES[i % 2], MANAGER[i],
                                          day + dt.timedelta(days=49)])
        for i, action in enumerate(ACTIONS if k == 0 else ()):
            _put(wb["Team action plan"], 4 + i, action)
        wb.save(path)
        files.append(path)
    return files


def _put(ws, row: int, values) -> None:
    for col, value in enumerate(values, 1):
        ws.cell(row, col, value)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "exports")
    out.mkdir(parents=True, exist_ok=True)
    print(ms_forms(out / "ms-forms.xlsx"), google_forms(out / "google-forms.csv"),
          *own_workbooks(out), sep="\n")
