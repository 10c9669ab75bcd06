"""Schemas of the full-text search endpoints."""

from ninja import Field, Schema

from stadt360.search.selectors import MAX_PAGE, MAX_PER_PAGE, MAX_QUERY


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY, description="Words to search for (German).")
    kind: list[str] = Field(
        default_factory=list, description="Only these kinds (job, flat, kita, school …)."
    )
    district: str | None = Field(
        None,
        max_length=120,
        pattern=r"^[a-z0-9-]+$",
        description="District slug.",
        examples=["lusan"],
    )
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class SuggestParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY, description="What was typed so far.")
    limit: int = Field(8, ge=1, le=20)


class HitOut(Schema):
    kind: str = Field(..., examples=["job"])
    kind_label: str = Field(..., examples=["Stelle"])
    id: int = Field(..., examples=[42])
    title: str = Field(..., examples=["Pflegefachkraft (m/w/d)"])
    url: str | None = Field(..., description="Public detail page, if it exists.")
    snippet: str = Field(
        ...,
        description="HTML: escaped text with the matches in <mark>.",
        examples=["Wir suchen eine <mark>Pflegefachkraft</mark> für …"],
    )
    score: float
    district: str = Field(..., examples=["lusan"])


class SearchOut(Schema):
    query: str
    total: int = Field(..., description="Documents found, over all pages.")
    total_exact: bool = Field(
        True, description="False when total and facet counts are lower bounds ('more than N')."
    )
    page: int
    per_page: int
    hits: list[HitOut]
    facets: dict[str, dict[str, int]] = Field(
        ..., description="Counts per facet and value: kind, district and per-kind facets."
    )
    facet_labels: dict[str, dict[str, str]]
    suggestions: list[str] = Field(
        ..., description='"Did you mean": the query with typos corrected.'
    )


class SuggestOut(Schema):
    suggestions: list[str]
