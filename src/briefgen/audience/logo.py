"""A house style's logo: an untrusted image, checked and re-encoded before any memo holds it.

A logo is read from a user's templates folder, so it is treated as hostile: only PNG and
JPEG are opened (by their signature, not their name; SVG, which can carry scripts and links,
is refused), the file and its pixel size are capped before any pixel is decoded (a "PNG
bomb" declares a huge image in a few bytes), and what the memos embed is a PNG re-encoded
from the pixels alone, so no metadata, colour profile, text chunk or second frame is copied.
The same file gives the same bytes on every run.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image

from briefgen.errors import BuildError

MAX_BYTES = 2_000_000  # a logo file larger than this is refused unread
MAX_SIDE = 4096  # pixels: a logo declaring a wider or taller image is refused undecoded
OUTPUT_SIDE = 480  # pixels: the re-encoded logo's longest side at most (plenty at 20 mm)
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_CLEANED: dict[tuple[str, int, int], bytes] = {}


class LogoError(ValueError):
    """A logo that cannot be used; the message says why."""


def clean_logo(path: Path) -> bytes:
    """The logo at ``path`` as a metadata-free PNG (at most :data:`OUTPUT_SIDE` pixels on
    its longest side); :class:`LogoError` if it is not a small, readable PNG or JPEG."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise LogoError(f"cannot read the logo: {exc.strerror or exc}") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CLEANED:
        if len(_CLEANED) > 16:  # a long --watch session of logo edits
            _CLEANED.clear()
        _CLEANED[key] = _re_encoded(_read_capped(path))
    return _CLEANED[key]


def _read_capped(path: Path) -> bytes:
    """The file's bytes, refused when over :data:`MAX_BYTES` (never read past the cap)."""
    if not path.is_file():
        raise LogoError("the logo is not a file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LogoError(f"cannot read the logo: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise LogoError(f"the logo is larger than {MAX_BYTES // 1_000_000} MB")
    return data


def _re_encoded(data: bytes) -> bytes:
    """PNG bytes of the image ``data`` holds, rebuilt from its pixels alone."""
    kind = next((name for sig, name in _SIGNATURES.items() if data.startswith(sig)), None)
    if kind is None:
        raise LogoError("a logo must be a PNG or JPEG image (SVG and other formats are refused)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                width, height = image.size  # read from the header: nothing decoded yet
                if width > MAX_SIDE or height > MAX_SIDE or not width or not height:
                    raise LogoError(
                        f"the logo is {width} x {height} pixels; at most {MAX_SIDE} a side"
                    )
                image.load()
                pixels = _plain_pixels(image)
        except LogoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise LogoError(
                f"the logo declares too many pixels; at most {MAX_SIDE} a side"
            ) from None
        except Exception as exc:  # Pillow reports a damaged file with assorted types
            raise LogoError(f"the {kind} image cannot be read: {exc}") from None
    pixels.thumbnail((OUTPUT_SIDE, OUTPUT_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    pixels.save(out, "PNG", optimize=False, compress_level=9)
    return out.getvalue()


def _plain_pixels(image: Image.Image) -> Image.Image:
    """A new image of ``image``'s first frame's pixels (RGBA when it has transparency, else
    RGB), carrying none of its ``info``."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if transparent else "RGB"
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def letterhead_logo(path: str | None) -> bytes | None:
    """The cleaned logo at ``path`` for a memo (None without one); a logo that has become
    unusable since the house style was read is a :class:`BuildError`."""
    if not path:
        return None
    try:
        return clean_logo(Path(path))
    except LogoError as exc:
        raise BuildError(f"house style logo {path}: {exc}") from None


def logo_size(data: bytes) -> tuple[int, int]:
    """Pixel width and height of a cleaned logo."""
    with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
        return image.size
