"""Rotating log file that never holds a NIK, No. KK or other long digit run in clear."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILENAME = "siksdesk.log"
# 15 or more digits, also when written in groups ("3522 0157 0845 0001", "35.22.01…").
_LONG_DIGITS = re.compile(r"\d(?:[ .\-\u00a0]?\d){14,}")


def mask_digits(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return digits[:4] + "*" * (len(digits) - 4)

    return _LONG_DIGITS.sub(mask, text)


class PersonalDataFilter(logging.Filter):
    """Last line of defence: callers must not log personal data, but a stray exception text
    containing a NIK is masked before it reaches the file."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_digits(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_digits(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask_digits(record.exc_text)
        return True


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILENAME
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_siksdesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._siksdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
