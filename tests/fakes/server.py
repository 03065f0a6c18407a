"""What the fake services share: a real HTTP server on 127.0.0.1 (werkzeug, a port of its own,
a daemon thread), and queues of injected faults that the next requests answer with."""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Response


def json_response(document, status: int = 200, headers: dict | None = None) -> Response:
    """A JSON answer, keys in the order given (the order the real services send them)."""
    return Response(json.dumps(document), status, headers or {}, content_type="application/json")


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:   # one line per request would drown test output
        pass


class LocalServer:
    """Start with `with Fake() as fake:`; `fake.root` is http://127.0.0.1:<port>. Subclasses answer
    in `_wsgi` and call `_fault(queue)` where an injected fault may take the request's place."""

    name = "fake"

    def __init__(self, queues: tuple[str, ...]) -> None:
        self._faults: dict[str, deque[Callable[[], Response]]] = {q: deque() for q in queues}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = None
        self._thread: threading.Thread | None = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self):
        self._closing.clear()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet)
        # A short poll interval: shutting down waits up to one interval, in every test's teardown.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=self.name, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()       # wakes answers held back by a delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def answer_next(self, document, times: int = 1) -> None:
        """The next `times` API calls answer this JSON document as it is (any shape)."""
        self._queue("api", times, lambda: json_response(document))

    def _queue(self, on: str, times: int, answer: Callable[[], Response]) -> None:
        with self._lock:
            self._faults[on].extend([answer] * times)

    def _fault(self, on: str) -> Response | None:
        with self._lock:
            return self._faults[on].popleft() if self._faults[on] else None

    def _clear_faults(self) -> None:
        with self._lock:
            for queue in self._faults.values():
                queue.clear()

    def _wsgi(self, environ, start_response):
        raise NotImplementedError
