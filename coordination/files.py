"""Files a body keeps: where they are stored and which ones are accepted.

Terms of reference are PDF, Word (.docx) or OpenDocument text (.odt) of at most 10 MB. The name
alone proves nothing, so the first bytes are read too: a PDF starts with ``%PDF-``; .docx and
.odt are ZIP packages holding ``word/document.xml`` or the OpenDocument text ``mimetype``.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def terms_of_reference_path(instance: Any, filename: str) -> str:
    """``coordination/<programme code>/bodies/<random>/<name>``: one folder per programme, and a
    random segment so that an address cannot be guessed from a body's number."""
    name = get_valid_filename(PurePosixPath(filename).name) or "terms-of-reference"
    return f"coordination/{instance.programme.code}/bodies/{uuid.uuid4().hex}/{name}"


def _looks_like(kind: str, upload: Any) -> bool:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        if kind == "pdf":
            return upload.read(5) == b"%PDF-"
        if not zipfile.is_zipfile(upload):
            return False
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if kind == "docx":
                return "word/document.xml" in names
            return "mimetype" in names and package.read("mimetype").strip() == ODT_MIMETYPE
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(position)


def validate_document(upload: Any) -> None:
    """Refuse anything but a real PDF, .docx or .odt of at most 10 MB, saying what is wrong."""
    if not upload:
        return
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _("Upload a PDF, Word (.docx) or OpenDocument (.odt) file; “%(name)s” is not one."),
            params={"name": PurePosixPath(upload.name or "").name},
            code="file_type",
        )
    size = getattr(upload, "size", 0) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; files may be at most 10 MB."),
            params={"size": f"{size / (1024 * 1024):.1f}"},
            code="file_size",
        )
    # A file already stored was checked when it was uploaded; only new uploads are read.
    if getattr(upload, "_committed", True) is False and not _looks_like(extension, upload):
        raise ValidationError(
            _("“%(name)s” is not a readable %(kind)s file. Save it again as PDF, .docx or .odt."),
            params={"name": PurePosixPath(upload.name or "").name, "kind": extension.upper()},
            code="file_content",
        )
