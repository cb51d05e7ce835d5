"""Case documents: which uploads are accepted. A file is accepted by its extension AND its
first bytes (a renamed executable is refused), and by size (IPBUREAU_UPLOAD_MAX_BYTES)."""

import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from ipbureau.cases.errors import CaseError

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_MAGIC = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
}
# The part every Word / Excel file has; tells a .docx from a renamed .zip.
_OOXML_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ALLOWED_TEXT = "PDF、JPG、PNG、DOCX、XLSX"


def safe_name(name: str) -> str:
    """The file's own name without any directory part, in either path style."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    return base.strip().lstrip(".")[:255] or "file"


def check_upload(upload: UploadedFile) -> str:
    """The clean original name of an acceptable upload; CaseError saying why otherwise."""
    name = safe_name(upload.name or "")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise CaseError(f"不支持的文件类型“{suffix or '无扩展名'}”，只能上传 {ALLOWED_TEXT} 文件")
    limit = settings.IPBUREAU_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise CaseError(f"文件超过大小上限 {_size_text(limit)}")
    if upload.size == 0:
        raise CaseError("文件是空的")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(_MAGIC[suffix]):
        raise CaseError(f"文件内容与扩展名“{suffix}”不符，请上传真实的 {ALLOWED_TEXT} 文件")
    if suffix in _OOXML_PART:
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = _OOXML_PART[suffix] in archive.namelist()
        except zipfile.BadZipFile:
            ok = False
        upload.seek(0)
        if not ok:
            raise CaseError(f"文件不是有效的 {suffix[1:].upper()} 文档")
    return name


def _size_text(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.0f} MB"
    return f"{size / 2**10:.0f} KB" if size >= 2**10 else f"{size} 字节"
