from django.test import RequestFactory

from ipbureau.core.addresses import client_address

FORWARDED = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.IPBUREAU_BEHIND_PROXY = False
    assert client_address(RequestFactory().get("/", **FORWARDED)) == "10.0.0.1"


def test_behind_a_proxy_the_client_is_the_entry_the_proxy_appended(settings):
    settings.IPBUREAU_BEHIND_PROXY = True
    # The left entries are whatever the client sent; only the last one is the proxy's.
    assert client_address(RequestFactory().get("/", **FORWARDED)) == "203.0.113.5"


def test_behind_a_proxy_without_the_header_the_address_is_the_peer(settings):
    settings.IPBUREAU_BEHIND_PROXY = True
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
