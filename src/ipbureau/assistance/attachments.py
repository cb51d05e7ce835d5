"""Files attached to portal requests: checked by content, not only by name, and kept under
IPBUREAU_DATA_DIR where no URL serves them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# What the portal accepts: suffix → (content type, the bytes such a file starts with).
ACCEPTED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
# A public form takes no more than this, whatever IPBUREAU_UPLOAD_MAX_BYTES allows staff.
PORTAL_MAX_BYTES = 10 * 1024 * 1024


class AttachmentError(ValueError):
    pass


def max_bytes() -> int:
    return min(settings.IPBUREAU_UPLOAD_MAX_BYTES, PORTAL_MAX_BYTES)


def attachment_check(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; AttachmentError with the reason otherwise."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ACCEPTED:
        raise AttachmentError("附件只能是 PDF、JPG 或 PNG 文件。")
    limit = max_bytes()
    if upload.size is None or upload.size > limit:
        raise AttachmentError(f"附件不能超过 {limit / 1024 / 1024:.0f} MB。")
    content_type, signatures = ACCEPTED[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise AttachmentError("附件内容与文件类型不符，只能上传真实的 PDF、JPG 或 PNG 文件。")
    return content_type


def attachment_folder() -> Path:
    return Path(settings.DATA_DIR) / "assistance"


def attachment_store(upload: UploadedFile, content_type: str) -> tuple[str, str, str]:
    """Write a checked upload under a random name; (stored path, original name, type)."""
    folder = attachment_folder()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.name).suffix.lower()
    stored = folder / f"{uuid.uuid4().hex}{suffix}"
    with open(stored, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return str(stored), Path(upload.name).name[:255], content_type
