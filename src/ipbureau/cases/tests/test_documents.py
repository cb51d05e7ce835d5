import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipbureau.accounts.tests.factories import PASSWORD
from ipbureau.cases.errors import CaseError, CasePermissionError
from ipbureau.cases.services import document_add
from ipbureau.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(("name", "content"), [
    ("决定书.pdf", PDF), ("现场照片.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
    ("截图.png", PNG), ("笔录.docx", ooxml("word/document.xml")),
    ("清单.xlsx", ooxml("xl/workbook.xml")),
])  # fmt: skip
def test_each_allowed_type_is_stored_outside_media_and_static(users, name, content):
    case = CaseFactory()
    doc = document_add(
        case=case, user=users["lanzhou"], upload=SimpleUploadedFile(name, content), title=""
    )
    stored = Path(doc.file.path).resolve()
    root = (Path(settings.DATA_DIR) / "case-documents").resolve()
    assert stored.is_relative_to(root)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert stored.read_bytes() == content
    assert doc.original_name == name and doc.title == name


@pytest.mark.parametrize(("name", "content", "message"), [
    ("run.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("page.html", b"<script>", "不支持的文件类型"),
    ("noext", PDF, "不支持的文件类型"),
    ("fake.pdf", b"MZ\x90\x00binary", "文件内容与扩展名"),
    ("archive.docx", ooxml("other.txt"), "不是有效的 DOCX"),
    ("empty.pdf", b"", "文件是空的"),
])  # fmt: skip
def test_wrong_types_are_refused(users, name, content, message):
    with pytest.raises(CaseError, match=message):
        document_add(
            case=CaseFactory(), user=users["lanzhou"], upload=SimpleUploadedFile(name, content)
        )


def test_files_over_the_size_setting_are_refused(users, settings):
    settings.IPBUREAU_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(CaseError, match="文件超过大小上限 1 KB"):
        document_add(
            case=CaseFactory(),
            user=users["lanzhou"],
            upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 1024),
        )


def test_a_path_in_the_uploaded_name_cannot_escape_the_case_folder(users):
    case = CaseFactory()
    doc = document_add(
        case=case, user=users["lanzhou"], upload=SimpleUploadedFile("../../../etc/passwd.pdf", PDF)
    )
    assert doc.original_name == "passwd.pdf"
    assert doc.file.name.startswith(f"{case.pk}/") and ".." not in doc.file.name
    windows = document_add(
        case=case, user=users["lanzhou"], upload=SimpleUploadedFile("..\\..\\evil.pdf", PDF)
    )
    assert windows.original_name == "evil.pdf"


def test_other_city_cannot_upload(users):
    with pytest.raises(CasePermissionError):
        document_add(
            case=CaseFactory(), user=users["tianshui"], upload=SimpleUploadedFile("a.pdf", PDF)
        )


def test_download_only_for_those_who_see_the_case(users):
    case = CaseFactory()
    doc = document_add(
        case=case, user=users["lanzhou"], upload=SimpleUploadedFile("决定书.pdf", PDF)
    )
    url = f"/cases/{case.pk}/documents/{doc.pk}/"
    response = login(users["lanzhou"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert login(users["leader"]).get(url).status_code == 200  # leaders read
    assert login(users["tianshui"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page
    # A document id under another case's URL is not found either.
    other = CaseFactory(region_id="620500")
    assert login(users["lanzhou"]).get(f"/cases/{other.pk}/documents/{doc.pk}/").status_code == 404


def test_upload_through_the_page(users):
    case = CaseFactory()
    client = login(users["lanzhou"])
    response = client.post(
        f"/cases/{case.pk}/documents/",
        {"title": "询问笔录", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 302
    assert case.documents.get().title == "询问笔录"
    response = client.post(
        f"/cases/{case.pk}/documents/", {"file": SimpleUploadedFile("a.exe", b"MZ")}, follow=True
    )
    assert "不支持的文件类型" in response.content.decode()
    assert case.documents.count() == 1
