"""The login lockout (django-axes): every login path, per account and per address, in the
database, lifted by an administrator with an audit entry."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory
from ipbureau.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


def login(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(username: str, times: int, address: str = "203.0.113.1", path="/accounts/login/"):
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        login(client, username, "wrong", path)


def test_fifteen_wrong_passwords_on_the_admin_login_refuse_the_right_one(regions):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(15):
        login(client, admin.username, "wrong", "/admin/login/")
    response = login(client, admin.username, PASSWORD, "/admin/login/")
    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()
    assert not logged_in(client)


def test_the_admin_and_staff_logins_share_one_count(regions):
    user = UserFactory(is_staff=True)
    fail(user.username, LIMIT // 2, path="/admin/login/")
    fail(user.username, LIMIT - LIMIT // 2, path="/accounts/login/")
    client = Client()
    assert login(client, user.username, PASSWORD).status_code == 429
    assert not logged_in(client)


def test_a_locked_account_is_refused_from_every_address(regions):
    user = UserFactory()
    fail(user.username, LIMIT, address="203.0.113.1")
    client = Client(REMOTE_ADDR="198.51.100.2")
    response = login(client, user.username, PASSWORD)
    assert response.status_code == 429 and not logged_in(client)


def test_a_few_wrong_passwords_do_not_lock(regions):
    user = UserFactory()
    client = Client()
    for _ in range(LIMIT - 1):
        response = login(client, user.username, "x")
        assert "用户名或密码不正确" in response.content.decode()
    assert login(client, user.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_one_password_sprayed_over_many_accounts_locks_the_address(regions):
    victims = UserFactory.create_batch(LIMIT + 1)
    sprayer = Client(REMOTE_ADDR="203.0.113.66")
    for victim in victims[: LIMIT - 1]:
        assert login(sprayer, victim.username, "Spring2026!").status_code == 200
    assert login(sprayer, victims[LIMIT - 1].username, "Spring2026!").status_code == 429
    # The address is locked, even for an account it has not tried yet and the right password.
    response = login(sprayer, victims[LIMIT].username, PASSWORD)
    assert response.status_code == 429 and not logged_in(sprayer)
    # The accounts themselves are not: each saw one failure.
    owner = Client(REMOTE_ADDR="198.51.100.5")
    assert login(owner, victims[0].username, PASSWORD).status_code == 302


def test_locking_one_account_leaves_colleagues_elsewhere_alone(regions):
    victim, colleague = UserFactory(), UserFactory()
    fail(victim.username, LIMIT, address="203.0.113.1")
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert login(client, colleague.username, PASSWORD).status_code == 302


def test_the_lock_is_kept_in_the_database_not_in_a_process(regions):
    user = UserFactory()
    fail(user.username, LIMIT)
    assert AccessAttempt.objects.filter(username=user.username).exists()
    cache.clear()  # what another server process (or a restart) starts with
    client = Client(REMOTE_ADDR="198.51.100.9")
    assert login(client, user.username, PASSWORD).status_code == 429


def test_the_lockout_page_says_how_to_get_unlocked(regions):
    user = UserFactory()
    fail(user.username, LIMIT)
    page = login(Client(), user.username, PASSWORD).content.decode()
    assert "联系系统管理员" in page and "ipbureau accounts unlock" in page
    assert f"{settings.AXES_COOLOFF_TIME.total_seconds() // 60:.0f} 分钟后自动解除" in page


def test_an_administrator_unlocks_an_account_by_command_with_an_audit_entry(regions, capsys):
    admin = UserFactory(role=Role.ADMIN, username="sysadmin")
    user = UserFactory()
    fail(user.username, LIMIT, address="203.0.113.1")
    call_command("accounts_unlock", user.username, "--user", "sysadmin")
    assert "已解除锁定" in capsys.readouterr().out
    client = Client(REMOTE_ADDR="198.51.100.3")
    assert login(client, user.username, PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action="lockout_clear")
    assert entry.actor == admin and user.username in entry.summary
    assert "203.0.113.1" in entry.summary and f"失败 {LIMIT} 次" in entry.summary


def test_an_administrator_unlocks_an_address_by_command(regions):
    users = UserFactory.create_batch(LIMIT)
    for user in users:
        fail(user.username, 1, address="203.0.113.77")
    call_command("accounts_unlock", "--address", "203.0.113.77")
    client = Client(REMOTE_ADDR="203.0.113.77")
    assert login(client, users[0].username, PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action="lockout_clear").count() == LIMIT


def test_deleting_the_attempts_in_the_admin_unlocks_with_an_audit_entry(regions):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    user = UserFactory()
    fail(user.username, LIMIT)
    attempt = AccessAttempt.objects.get(username=user.username)
    staff = Client()
    staff.force_login(admin)
    response = staff.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(action="lockout_clear")
    assert entry.actor == admin and entry.target_id == str(attempt.pk)
    assert login(Client(), user.username, PASSWORD).status_code == 302


def test_unlocking_nothing_says_so(regions, capsys):
    call_command("accounts_unlock", "nobody")
    assert "无需解锁" in capsys.readouterr().out
    assert not AuditEntry.objects.exists()


def test_behind_a_proxy_the_address_counted_is_the_forwarded_client(regions, settings):
    settings.IPBUREAU_BEHIND_PROXY = True
    user = UserFactory()
    # Everybody arrives from the proxy; only the guesser's address is locked.
    for _ in range(LIMIT):
        Client(REMOTE_ADDR="10.0.0.1").post(
            "/accounts/login/",
            {"username": f"guess{_}", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.60")
    assert login(colleague, user.username, PASSWORD).status_code == 302
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert login(guesser, user.username, PASSWORD).status_code == 429
