"""A real uvicorn server on 127.0.0.1 for the district's app, in a thread.

The socket is bound and listening before uvicorn starts, so a client may connect at once: the
kernel queues the connection until the server accepts it — nothing to wait for."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp


@contextmanager
def serving(app: ASGIApp, **options: Any) -> Iterator[str]:
    """Serve ``app``; yields its base URL; stops the server (bounded) on leaving. ``options``
    go to ``uvicorn.Config`` (e.g. ``siksdesk.district.server.uvicorn_options(limits)``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, **{"log_level": "warning", "lifespan": "off",
                                    "timeout_keep_alive": 2, **options})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
