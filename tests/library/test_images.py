"""A logo is decoded fully when it is checked: a damaged image fails `validate` and every command
with the same single line, and no output is written."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from sessionbuilder.library import images
from sessionbuilder.errors import InputError

RECIPE = "title: Local session\nsections:\n  - kind: title\n  - kind: learning\n"
HINT = "(export or save the image again)"


def png(size=(240, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def truncated(tmp_path):
    data = png()
    (tmp_path / "logo.png").write_bytes(data[: len(data) // 2])
    (tmp_path / "recipe.yaml").write_text(RECIPE + "branding:\n  logo: logo.png\n")
    (tmp_path / "brand.yaml").write_text("partnership: Anyshire SCP\nlogo: logo.png\n")
    return tmp_path / "logo.png"


def test_truncated_logo_fails_validate(cli, tmp_path):
    logo = truncated(tmp_path)
    result = cli("validate", tmp_path / "recipe.yaml")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {logo}: logo is not a readable image "
                             f"(the file is damaged or incomplete) {HINT}\n")


@pytest.mark.parametrize("command", [
    ("deck", "recipe.yaml", "-o", "out.pptx"),
    ("handout", "recipe.yaml", "-o", "out.pdf"),
    ("sheet", "--branding", "brand.yaml", "-o", "out.pdf"),
    ("build", "recipe.yaml", "-o", "out"),
])
def test_truncated_logo_fails_every_command_with_one_line(cli, tmp_path, monkeypatch, command):
    logo = truncated(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli(*command)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {logo}: logo is not a readable image "
                             f"(the file is damaged or incomplete) {HINT}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brand.yaml", "logo.png", "recipe.yaml"]


@pytest.mark.parametrize("name,content,message", [
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10,
     "logo is not a readable image (the file is damaged or incomplete) " + HINT),
    ("logo.png", b"%PDF-1.4 pretending", "logo is not a readable image (its content is not PNG, "
                                         "JPEG, GIF or BMP) " + HINT),
    ("logo.svg", b"<svg/>", "logo 'logo.svg' is not a PNG, JPEG, GIF or BMP image"),
])
def test_unreadable_images(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as info:
        images.check(tmp_path / name)
    assert str(info.value) == f"{tmp_path / name}: {message}"


def test_other_image_format_with_a_png_name(tmp_path):
    Image.new("RGB", (10, 10)).save(tmp_path / "logo.png", "TIFF")
    with pytest.raises(InputError) as info:
        images.check(tmp_path / "logo.png")
    assert "its content is TIFF, not PNG, JPEG, GIF or BMP" in str(info.value)


def test_decompression_bomb_is_refused_without_decoding(tmp_path):
    Image.new("1", (8000, 6000)).save(tmp_path / "logo.png")  # tiny file, 48 megapixels
    with pytest.raises(InputError) as info:
        images.check(tmp_path / "logo.png")
    assert str(info.value).endswith("logo is too large (8000 x 6000 pixels) (use an image of a few "
                                    "thousand pixels across at most)")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP"])
def test_good_images_pass(tmp_path, fmt):
    path = tmp_path / f"logo.{fmt.lower()}"
    Image.new("RGB", (120, 40), (10, 80, 160)).save(path, fmt)
    images.check(path)
