import pytest
from django.test import Client


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_the_other_language() -> None:
    html = Client().get("/en/organisations/?q=women").content.decode()
    assert 'href="/es/organisations/?q=women"' in html
    assert 'hreflang="es"' in html


@pytest.mark.django_db
def test_spanish_pages_declare_spanish() -> None:
    response = Client().get("/es/")
    assert '<html lang="es">' in response.content.decode()
    assert response["Content-Language"] == "es"


@pytest.mark.django_db
def test_spanish_interface_is_translated() -> None:
    html = Client().get("/es/accounts/login/").content.decode()
    assert "Iniciar sesión" in html
    assert "Sign in" not in html
