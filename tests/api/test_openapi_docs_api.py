"""The OpenAPI document describes every endpoint and filter; the docs page needs no third party."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from stadt360.childcare.filters import KitaFilterSet
from stadt360.housing.filters import FlatFilterSet
from stadt360.jobs.filters import JobFilterSet
from stadt360.schools.filters import SchoolFilterSet

FILTERSETS = {
    "/api/v1/jobs": JobFilterSet,
    "/api/v1/flats": FlatFilterSet,
    "/api/v1/kitas": KitaFilterSet,
    "/api/v1/schools": SchoolFilterSet,
}


@pytest.fixture
def openapi(client):
    # The schema speaks the request's language; these assertions read the English msgids.
    response = client.get("/api/v1/openapi.json", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_read_endpoint(openapi):
    paths = set(openapi["paths"])

    for collection in FILTERSETS:
        kind = collection.rsplit("/", 1)[-1][:-1]
        assert collection in paths
        assert f"{collection}/{{{kind}_id}}" in paths


@pytest.mark.parametrize("path", FILTERSETS)
def test_list_operation_documents_each_filter_and_the_paging(openapi, path):
    operation = openapi["paths"][path]["get"]
    names = [parameter["name"] for parameter in operation["parameters"]]

    assert names == ["page", "page_size", *FILTERSETS[path].base_filters]
    assert set(operation["responses"]) >= {"200", "422"}
    assert all(parameter["in"] == "query" for parameter in operation["parameters"])


def test_filter_parameters_carry_types_and_bounds(openapi):
    parameters = {p["name"]: p for p in openapi["paths"]["/api/v1/flats"]["get"]["parameters"]}

    assert parameters["max_warm_rent"]["schema"] == {
        "type": "number",
        "minimum": 0,
        "maximum": 20000,
    }
    assert parameters["balcony"]["schema"] == {"type": "boolean"}
    assert parameters["available_by"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["postcode"]["schema"]["pattern"] == r"^\d{5}$"
    assert parameters["max_warm_rent"]["description"] == "Cold rent plus service and heating costs."
    jobs = {p["name"]: p for p in openapi["paths"]["/api/v1/jobs"]["get"]["parameters"]}
    assert jobs["employment_type"]["schema"]["enum"] == [
        "full_time",
        "part_time",
        "mini_job",
        "apprenticeship",
    ]
    assert jobs["page_size"]["schema"]["maximum"] == 100


def test_detail_operations_document_404_and_response_examples(openapi):
    operation = openapi["paths"]["/api/v1/kitas/{kita_id}"]["get"]
    schemas = openapi["components"]["schemas"]

    assert set(operation["responses"]) >= {"200", "404", "422"}
    assert schemas["KitaDetail"]["properties"]["name"]["examples"] == ["Kita Sonnenschein"]
    assert "data_label" in schemas["JobDetail"]["properties"]
    assert schemas["JobPage"]["properties"]["count"]["examples"] == [42]


class Links(HTMLParser):
    """Collects every URL the page loads and the text of executable inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self.json_blocks: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.urls += [value for name, value in attrs if name in {"src", "href"} and value]
        if tag == "script" and "src" not in attributes:
            self._in_script = attributes.get("type") or "text/javascript"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script == "application/json":
            self.json_blocks.append(data)
        elif self._in_script and data.strip():
            self.inline_scripts.append(data)


def test_docs_page_loads_only_from_our_origin_under_the_csp(client):
    response = client.get("/api/v1/docs")
    page = Links()
    page.feed(response.content.decode())

    assert response.status_code == 200
    assert page.urls
    assert all(url.startswith("/") and not url.startswith("//") for url in page.urls)
    assert page.inline_scripts == []
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    swagger = json.loads(page.json_blocks[0])
    assert swagger["url"] == "/api/v1/openapi.json"
    assert swagger["validatorUrl"] is None


def test_docs_page_assets_are_served_by_us(client):
    page = Links()
    page.feed(client.get("/api/v1/docs").content.decode())

    for url in page.urls:
        assert finders.find(url.removeprefix("/static/")), url
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body
