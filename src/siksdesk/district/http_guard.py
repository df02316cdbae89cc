"""uvicorn's h11 protocol with the two limits it lacks, for a server facing the internet.

* A deadline for the request head: uvicorn only times out an idle keep-alive connection after a
  response, so a client that connects and trickles its request line and headers a byte at a
  time (slowloris) holds a connection — and a slot of ``limit_concurrency`` — for ever. Here
  the head must arrive within ``head_timeout`` seconds of the connection (or of the previous
  response); a late partial head is answered 408 and the connection closed.
* The same deadline after an answer given before the whole body was read (413, 408): the rest
  of the body is drained (so the client can read the answer) but not for ever.
* Requests h11 cannot parse get the JSON problem answer of every other error, not plain text.

The body's own deadline and size limit are the app's (``server._read_body``)."""

from __future__ import annotations

import asyncio
import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from siksdesk.district.errors import DistrictError

__all__ = ["GuardedH11Protocol", "guarded_protocol"]


def problem_response(status: int, reason: bytes, error: DistrictError) -> bytes:
    """A complete HTTP/1.1 answer with the JSON problem body; the connection closes after it."""
    body = json.dumps({"code": error.code, "message": error.message("id")}).encode()
    head = (b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\nconnection: close\r\n"
            b"content-length: %d\r\n\r\n" % (status, reason, len(body)))
    return head + body


class GuardedH11Protocol(H11Protocol):
    head_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._cancel_head_timer()  # a request is being served: the app's limits apply

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.cycle.response_complete:
            self._arm_head_timer()  # waiting for the next head, or draining an unread body

    def send_400_response(self, msg: str) -> None:
        self._cancel_head_timer()
        if self.cycle is None or not self.cycle.response_started:  # else: answered already
            error = DistrictError("BAD_REQUEST", detail="HTTP")
            self.transport.write(problem_response(400, b"Bad Request", error))
        self.transport.close()

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
            self.transport.write(problem_response(408, b"Request Timeout",
                                                  DistrictError("BODY_TIMEOUT")))
        self.transport.close()


def guarded_protocol(head_timeout: float) -> type[GuardedH11Protocol]:
    """The protocol class with its deadline (uvicorn makes one instance per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"head_timeout": head_timeout})
