"""Every user changes their own password (audited); a login ends with the browser and after
one working day."""

import pytest
from django.conf import settings
from django.test import Client

from ipbureau.accounts.tests.factories import PASSWORD, UserFactory
from ipbureau.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW = "Lanzhou-yellow-river-2026"


def change(client: Client, old: str, new: str = NEW):
    return client.post(
        "/accounts/password_change/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_every_user_changes_their_own_password_with_an_audit_entry(regions):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page = client.get("/accounts/password_change/").content.decode()
    assert "修改密码" in page and "原密码" in page
    response = change(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/done/"
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    # This session stays logged in.
    assert client.get("/patents/").status_code == 200
    entry = AuditEntry.objects.get(action="password_change")
    assert entry.actor == user and entry.target_id == str(user.pk)
    assert NEW not in entry.summary and not entry.changes


def test_a_wrong_old_password_changes_nothing(regions):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = change(client, "not-my-password")
    assert response.status_code == 200 and "请更正" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not AuditEntry.objects.exists()


def test_the_password_change_needs_a_login(regions):
    response = Client().get("/accounts/password_change/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_page_header_links_to_the_password_change(regions):
    client = Client()
    client.force_login(UserFactory())
    assert 'href="/accounts/password_change/"' in client.get("/patents/").content.decode()


def test_the_admins_password_change_is_the_audited_one(regions):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/admin/password_change/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password_change/"


def test_a_login_ends_with_the_browser_and_after_one_working_day(regions):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    client = Client()
    client.post("/accounts/login/", {"username": UserFactory().username, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    # No lifetime on the cookie: the browser forgets it when closed...
    assert not cookie["max-age"] and not cookie["expires"]
    # ...and the server forgets the session after SESSION_COOKIE_AGE whatever the browser does.
    assert 0 < client.session.get_expiry_age() <= 8 * 3600
