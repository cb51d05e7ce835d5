import pytest
from django.db import OperationalError
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_it_answers_ok_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_is_unavailable_while_a_migration_is_unapplied(client, monkeypatch):
    pending = Migration("0099_not_yet", "patents")
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [(pending, False)]
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["migrations"]}


@pytest.mark.django_db
def test_it_is_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(self, targets):
        raise OperationalError("could not connect to server: secret-host:5432")

    monkeypatch.setattr(MigrationExecutor, "migration_plan", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"secret-host" not in response.content
    assert response.json()["failing"] == ["database"]


@pytest.mark.django_db
def test_it_only_allows_reading(client):
    assert client.post("/healthz").status_code == 405
