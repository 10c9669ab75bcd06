"""How well each job and flat fits a person's wishes, in [0, 1], before the engine ranks.

Job fit is keyword matching that tolerates German compounds and inflection by matching
word stems inside longer words ("Pflege" finds "Altenpflegerin" and
"Gesundheits- und Krankenpfleger"); a job that matches no keyword at all is not a
candidate. Flat fit rewards the requested features and enough space per person.
"""

import re

import numpy as np

from .schemas import FlatWish, Hours, JobWish
from .snapshot import FlatFeatures, JobTexts

WORD = re.compile(r"[^\W\d_]{3,}")
# Common German endings, stripped so a stem matches inside compounds and other forms.
ENDINGS = ("innen", "ungen", "erin", "ern", "ung", "in", "en", "er", "e", "n", "s")
TITLE_WEIGHT, OCCUPATION_WEIGHT, BODY_WEIGHT = 1.0, 0.8, 0.5
SPACE_PER_FIRST_PERSON, SPACE_PER_FURTHER_PERSON = 35.0, 12.0
FEATURE_SHARE = 0.6


def stems(query: str) -> list[str]:
    """Lower-case word stems of a query (at least four letters kept)."""
    words = WORD.findall(query.casefold())
    return [_stem(word) for word in words]


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _match(stem: str, texts: JobTexts, i: int) -> float:
    if stem in texts.title[i]:
        return TITLE_WEIGHT
    if stem in texts.occupation[i]:
        return OCCUPATION_WEIGHT
    return BODY_WEIGHT if stem in texts.body[i] else 0.0


def keyword_fit(texts: JobTexts, query: str) -> np.ndarray:
    """Mean match weight of the query's stems per job.

    A job is a candidate when a stem occurs in its title or occupation; jobs that mention
    the words only in their description count only when no title matches at all (a nurse
    searching "Pflege" wants nursing jobs, not a doctor's post that mentions care).
    """
    query_stems = stems(query)
    n = len(texts.title)
    if not query_stems:
        return np.ones(n)
    scores = np.array([[_match(s, texts, i) for s in query_stems] for i in range(n)])
    scores = scores.reshape(n, len(query_stems))
    fit = scores.mean(axis=1)
    named = (scores > BODY_WEIGHT).any(axis=1)
    return np.where(named, fit, 0.0) if named.any() else fit


def job_fit(texts: JobTexts, wish: JobWish) -> np.ndarray:
    """Fit per job; 0 means "not a candidate" (wrong hours, no keyword, other occupation)."""
    fit = keyword_fit(texts, wish.query)
    if wish.occupation:
        same = np.array([c.startswith(wish.occupation) for c in texts.occupation_code], dtype=bool)
        fit = np.where(same, fit, 0.0)
    if wish.hours != Hours.ANY:
        fit = np.where(texts.employment_type == wish.hours.value, fit, 0.0)
    return fit


def flat_fit(
    features: FlatFeatures, living_space: np.ndarray, wish: FlatWish, persons: int
) -> np.ndarray:
    """Fit per flat; 0 means "not a candidate" (a WBS is required and the person has none)."""
    wanted = [
        getattr(features, name)
        for name in ("balcony", "lift", "step_free", "pets")
        if getattr(wish, name)
    ]
    share = np.mean(wanted, axis=0) if wanted else np.ones(len(living_space))
    target = SPACE_PER_FIRST_PERSON + SPACE_PER_FURTHER_PERSON * (persons - 1)
    space = np.clip(living_space / target, 0.0, 1.0)
    fit = FEATURE_SHARE * share + (1 - FEATURE_SHARE) * space
    if not wish.has_wbs:
        fit = np.where(features.wbs_required, 0.0, fit)
    return fit
