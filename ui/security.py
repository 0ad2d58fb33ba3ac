"""What every response of the chat server carries, and how wrong passwords are slowed down.

:class:`Guard` is an ASGI middleware (``launch(app_kwargs={"middleware": [...]})``): it adds
the security headers to every HTTP response and refuses login attempts from a client that
has given too many wrong passwords lately (:class:`LoginThrottle`), with a message that
says how long to wait.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Gradio's page needs inline scripts and styles and evaluates its HTML components' templates
# ('unsafe-eval'); everything else comes from this server only, nothing may frame the page,
# and no form posts elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class LoginThrottle:
    """Counts wrong passwords per client: after ``max_failures`` within ``window`` seconds,
    that client's logins are refused until the oldest of them is ``window`` seconds old.

    >>> throttle = LoginThrottle(max_failures=2, window=60)
    >>> throttle.record("10.0.0.1", ok=False, now=0); throttle.record("10.0.0.1", ok=False, now=1)
    >>> throttle.wait("10.0.0.1", now=30), throttle.wait("10.0.0.2", now=30)
    (30.0, 0.0)
    """

    def __init__(self, max_failures: int = 5, window: float = 60.0) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds ``client`` must wait before it may try again (0: it may now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures = self._recent(client, now)
            if len(failures) < self.max_failures:
                return 0.0
            return float(failures[-self.max_failures] + self.window - now)

    def record(self, client: str, *, ok: bool, now: float | None = None) -> None:
        """Note the outcome of a login: a success forgets the client's failures."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if ok:
                self._failures.pop(client, None)
                return
            self._recent(client, now).append(now)
            # Forget clients that stopped trying, so the table cannot grow without bound.
            for stale in [c for c, f in self._failures.items() if f[-1] <= now - self.window]:
                del self._failures[stale]

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque(maxlen=self.max_failures))
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures


class Guard:
    """ASGI middleware: security headers on every response, throttled logins."""

    def __init__(self, app: ASGIApp, throttle: LoginThrottle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        is_login = scope["method"] == "POST" and scope["path"].rstrip("/").endswith("/login")
        client = scope["client"][0] if scope.get("client") else "unknown"
        if is_login and (wait := self.throttle.wait(client)) > 0:
            seconds = math.ceil(wait)
            logger.warning(
                "login from %s refused for %d s: too many wrong passwords", client, seconds
            )
            refusal = JSONResponse(
                {
                    "detail": f"Too many wrong passwords from your address: wait {seconds} "
                    "seconds, then try again."
                },
                status_code=429,
                headers={"Retry-After": str(seconds)},
            )
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
        if is_login:
            self.throttle.record(client, ok=status == 200)
