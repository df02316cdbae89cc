"""The district upload server: a Starlette ASGI app (run by uvicorn, ``siksdesk-district serve``).

POST /v1/bundles                              body = bundle bytes → 200 receipt bytes
GET  /v1/devices/{key_id}/receipts/latest     → 200 receipt bytes | 404
GET  /v1/devices/{key_id}/receipts/{sequence} → 200 receipt bytes | 404
GET  /v1/devices/{key_id}/updates?after=N     → 200 next update bytes | 204
GET  /v1/health                               → 200 JSON

Every answer that carries a signed receipt is a 200 (also "held" and "rejected" ones: the
receipt says so, and the headers X-Siksdesk-Outcome / X-Siksdesk-Reason repeat it). Errors are
JSON ``{"code", "message"}`` (Indonesian, English with ``Accept-Language: en``). The body is read
in chunks with a size limit (413 as soon as it is exceeded) and a time limit (408); the
blocking ingest runs in worker threads (a bounded number). Run it with ``uvicorn_options``: the
request head has a deadline too (``http_guard``), which plain uvicorn lacks."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Final

import anyio
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from siksdesk.district.context import District
from siksdesk.district.errors import DistrictError
from siksdesk.district.ingest import IngestResult, ingest
from siksdesk.district.receipts import find_receipt
from siksdesk.district.updates import update_after
from siksdesk.sync.container import MAX_CONTAINER
from siksdesk.sync.errors import SyncError

__all__ = ["Limits", "create_app", "uvicorn_options"]

log = logging.getLogger(__name__)
OCTETS: Final = "application/octet-stream"

_STATUS_BY_CODE: Final = {
    "TOO_LARGE": 413, "BODY_TOO_LARGE": 413, "BODY_TIMEOUT": 408, "BAD_CONTENT_TYPE": 415,
    "UNKNOWN_SENDER": 403, "REVOKED_SENDER": 403, "BAD_SIGNATURE": 403,
    "UNKNOWN_DEVICE": 404, "NO_RECEIPT": 404, "NOT_FOUND": 404, "BUSY": 503,
}


@dataclass(frozen=True, slots=True)
class Limits:
    max_body: int = MAX_CONTAINER
    body_timeout: float = 120.0  # seconds for the whole body to arrive
    head_timeout: float = 10.0  # seconds for the request line and headers to arrive
    keep_alive: int = 5
    concurrency: int = 256  # open connections before uvicorn answers 503
    workers: int = 8  # ingests running at once (threads)


def uvicorn_options(limits: Limits) -> dict[str, object]:
    """The keyword arguments for ``uvicorn.run``/``uvicorn.Config`` that enforce ``limits``."""
    from siksdesk.district.http_guard import guarded_protocol

    return {"http": guarded_protocol(limits.head_timeout),
            "timeout_keep_alive": limits.keep_alive, "limit_concurrency": limits.concurrency}


def _lang(request: Request) -> str:
    return "en" if request.headers.get("accept-language", "").lower().startswith("en") else "id"


def _error(request: Request, error: SyncError, status: int | None = None) -> JSONResponse:
    code = status or _STATUS_BY_CODE.get(error.code, 422)
    return JSONResponse({"code": error.code, "message": error.message(_lang(request))},
                        status_code=code)


class _BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(district: District, limits: Limits = Limits()) -> Starlette:
    workers = anyio.CapacityLimiter(limits.workers)

    async def upload(request: Request) -> Response:
        media = request.headers.get("content-type", OCTETS).split(";")[0].strip().lower()
        if media != OCTETS:
            return _error(request, DistrictError("BAD_CONTENT_TYPE", expected=OCTETS))
        try:
            async with asyncio.timeout(limits.body_timeout):
                body = await _read_body(request, limits.max_body)
        except _BodyTooLarge:
            return _error(request, DistrictError("BODY_TOO_LARGE", limit=limits.max_body))
        except TimeoutError:
            return _error(request, DistrictError("BODY_TIMEOUT"))
        except ClientDisconnect:  # the body was cut short: nothing to ingest, nobody to tell
            return _error(request, DistrictError("BAD_REQUEST", detail="truncated"), 400)
        result: IngestResult = await anyio.to_thread.run_sync(
            lambda: ingest(district, body), limiter=workers)
        if result.receipt is None:
            return _error(request, result.error or DistrictError("BAD_REQUEST",
                                                                 detail=result.reason_code))
        return Response(result.receipt, media_type=OCTETS, headers={
            "X-Siksdesk-Outcome": result.outcome, "X-Siksdesk-Reason": result.reason_code})

    async def receipt(request: Request) -> Response:
        key_id = request.path_params["key_id"]
        which = request.path_params["which"]
        if which != "latest" and not which.isdigit():
            raise HTTPException(404)
        sequence = None if which == "latest" else int(which)
        data = await anyio.to_thread.run_sync(
            lambda: find_receipt(district, key_id, sequence), limiter=workers)
        return Response(data, media_type=OCTETS)

    async def updates(request: Request) -> Response:
        after_text = request.query_params.get("after", "0")
        if not after_text.isdigit() or len(after_text) > 18:
            return _error(request, DistrictError("BAD_REQUEST", detail="after"), 400)
        key_id = request.path_params["key_id"]
        data = await anyio.to_thread.run_sync(
            lambda: update_after(district, key_id, int(after_text)), limiter=workers)
        return Response(status_code=204) if data is None else Response(data, media_type=OCTETS)

    async def health(_request: Request) -> Response:
        identity = district.identity
        return JSONResponse({"status": "ok", "district_code": identity.district_code,
                             "key_id": identity.key_id, "training": identity.training})

    async def sync_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SyncError)
        return _error(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = "NOT_FOUND" if exc.status_code in (404, 405) else "BAD_REQUEST"
        error = DistrictError(code, detail=str(exc.status_code))
        return _error(request, error, exc.status_code)

    async def busy(request: Request, exc: Exception) -> Response:
        log.warning("database busy or unavailable: %s", type(exc).__name__)
        return _error(request, DistrictError("BUSY"), 503)

    async def crash(request: Request, exc: Exception) -> Response:
        log.error("server error: %s", type(exc).__name__)  # no message: could hold data
        return JSONResponse({"code": "INTERNAL", "message": "internal error"},
                            status_code=500)

    return Starlette(routes=[
        Route("/v1/bundles", upload, methods=["POST"]),
        Route("/v1/devices/{key_id}/receipts/{which}", receipt, methods=["GET"]),
        Route("/v1/devices/{key_id}/updates", updates, methods=["GET"]),
        Route("/v1/health", health, methods=["GET"]),
    ], exception_handlers={SyncError: sync_error, HTTPException: http_error,
                           OperationalError: busy, Exception: crash})
