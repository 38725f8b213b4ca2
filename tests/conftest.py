from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED = SEEDS / "000_539943d701900076.txt"


@pytest.fixture(scope="session")
def pipeline():
    from pipeline.api import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed letter not found at {SEED} (it lives in ../shared/seeds)")
    return SEED.read_text(encoding="utf-8")
