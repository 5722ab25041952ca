"""Templates from elsewhere, as a new user would bring them: LibreOffice Impress's own (saved as
.pptx by LibreOffice at test time) and built ones standing for Google Slides, Keynote, ONLYOFFICE
and WPS exports, slide sizes from A4 to PowerPoint's largest, layouts named in other languages,
several masters, no title placeholder, bodies as text boxes. Each builds the default session with
no word outside its box, at most 1.5x the plain deck's slides, and valid OOXML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from support import CORPUS, LIBREOFFICE_TEMPLATES, make_corpus_template, soffice_path
from test_render_check import build_and_convert, check_deck

pytestmark = [pytest.mark.render, pytest.mark.slow]
VALIDATOR = Path("/work/shared/tools/ooxml/validate.py")
LIBREOFFICE = sorted(p.stem for p in LIBREOFFICE_TEMPLATES.glob("*.otp"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, to_pdf):
    """Every template of the corpus, the default session built in each, converted in one run."""
    folder = tmp_path_factory.mktemp("corpus")
    templates = {name: make_corpus_template(name, folder / f"{name}.pptx") for name in CORPUS}
    if LIBREOFFICE:
        profile = tmp_path_factory.mktemp("lo-convert")
        subprocess.run([soffice_path(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pptx", "--outdir", str(folder / "lo"),
                        *(str(LIBREOFFICE_TEMPLATES / f"{n}.otp") for n in LIBREOFFICE)],
                       check=True, capture_output=True, timeout=600, env={**os.environ, "HOME": str(profile)})
        templates.update({f"lo-{n}": folder / "lo" / f"{n}.pptx" for n in LIBREOFFICE})
    jobs = {"default": [], **{name: ["--template", str(path)] for name, path in templates.items()}}
    (folder / "decks").mkdir()
    return build_and_convert(folder / "decks", jobs, to_pdf)


# Known: Yellow_Idea's body is a 428 pt column beside its illustration; the deck keeps to it and
# runs to 70 slides (1.56x). Our own full-width boxes would cover the illustration.
KNOWN = {"lo-Yellow_Idea": "body column beside an illustration: 1.56x the plain deck's slides"}
NAMES = [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n])) if n in KNOWN else n
         for n in [*CORPUS, *(f"lo-{n}" for n in LIBREOFFICE)]]


@pytest.mark.parametrize("name", NAMES)
def test_default_session_in_template(corpus, name):
    deck, pdf = corpus[name]
    check_deck(deck, pdf)
    prs = Presentation(str(deck))
    assert len(prs.slides) <= 1.5 * len(Presentation(str(corpus["default"][0])).slides)
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles[0] == "Pathways to harm, pathways to protection"
    assert "Aims of this session" in titles and "References" in titles
    aims = prs.slides[titles.index("Aims of this session")]
    assert "To highlight key learning" in " ".join(sh.text_frame.text for sh in aims.placeholders)
    for slide in prs.slides:  # every filled placeholder placed by the deck itself
        for ph in slide.placeholders:
            if ph.text_frame.text:
                assert ph.element.spPr.find("{*}xfrm") is not None, (name, ph.name)
    if VALIDATOR.exists():
        result = subprocess.run([sys.executable, str(VALIDATOR), "--all-parts", str(deck)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-3000:]


def test_libreoffice_templates_are_all_there():
    """The corpus is what Debian's libreoffice-common ships, not whatever happens to be found."""
    if not LIBREOFFICE_TEMPLATES.is_dir():
        pytest.skip("LibreOffice's templates are missing: apt-get install libreoffice-impress")
    assert len(LIBREOFFICE) >= 20 and "Sunset" in LIBREOFFICE
