from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from siksdesk.logging_setup import mask_digits, setup_logging


def test_mask_digits_hides_nik_and_kk() -> None:
    assert mask_digits("NIK 3522014101900001 ditolak") == "NIK 3522************ ditolak"
    assert mask_digits("12345") == "12345"


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    before = list(logging.getLogger().handlers)
    yield setup_logging(tmp_path)
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_log_file_never_holds_a_16_digit_number(log_path: Path) -> None:
    path = log_path
    logger = logging.getLogger("siksdesk.test")
    logger.info("saved %s", "3522014101900001")
    try:
        raise ValueError("bad NIK 3522014101900001")
    except ValueError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "saved 3522" in text and "failed" in text
    assert "3522014101900001" not in text


def test_grouped_digits_are_masked_too() -> None:
    assert mask_digits("NIK 3522 0141 0190 0001.") == "NIK 3522************."
    assert mask_digits("KK 35.22.01.230415.0003") == "KK 3522************"
    assert mask_digits("RT 001 RW 002, 2026-11-23") == "RT 001 RW 002, 2026-11-23"
