import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stadt360.companies.models import Company, Product, ProductImage
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import ProviderFactory
from tests.portal.world import add_member, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.cooperation.urls")]
URL = "/portal/unternehmen/"


def management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 50,
    }


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("teil.png", buffer.getvalue(), content_type="image/png")


def profile(**extra) -> dict:
    return {"description": "Zerspanung", "wz_code": "25.62", "size_class": "small", **extra}


def test_new_organisation_creates_its_profile_with_a_product_and_a_site(
    client, db, settings, tmp_path
):
    provider = ProviderFactory()
    user = make_user("neu@firma.example", mfa=True)
    add_member(user, provider, "editor")
    sign_in_with_second_factor(client, user)
    assert client.get(URL).status_code == 200
    data = {
        **profile(certificates="ISO 9001, ISO 14001"),
        **management("products", 1, 0),
        "products-0-kind": "product",
        "products-0-name": "Frästeile",
        "products-0-category": "metal_parts",
        "products-0-image": png(),
        "products-0-alt_text": "Rotes Frästeil",
        **management("sites", 1, 0),
        "sites-0-name": "Werk 2",
        "sites-0-postcode": "07552",
    }
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    company = Company.objects.get(provider=provider)
    assert company.certificates == ["ISO 9001", "ISO 14001"]
    assert company.products.get().images.get().alt_text == "Rotes Frästeil"
    site = company.sites.get()
    assert (site.postcode, round(site.latitude)) == ("07552", 51)  # placed at the postcode centre


def test_picture_needs_a_text_alternative(client, company_world):
    sign_in_with_second_factor(client, company_world.users["bakery"])
    data = {
        **profile(),
        **management("products", 1, 0),
        **management("sites", 0, 0),
        "products-0-kind": "product",
        "products-0-name": "Brot",
        "products-0-category": "food",
        "products-0-image": png(),
    }
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not ProductImage.objects.exists()


def test_another_companys_product_is_a_404(client, company_world):
    sign_in_with_second_factor(client, company_world.users["bakery"])
    foreign = Product.objects.get(company=company_world.companies["precision"])
    data = {
        **profile(),
        **management("products", 1, 1),
        **management("sites", 0, 0),
        "products-0-id": foreign.pk,
        "products-0-kind": "product",
        "products-0-name": "Gekapert",
        "products-0-category": "food",
    }
    assert client.post(URL, data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Frästeile"


def test_outsider_is_refused(client, company_world):
    sign_in_with_second_factor(client, company_world.users["outsider"])
    assert client.get(URL).status_code == 403
