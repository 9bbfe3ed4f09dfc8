"""The API's guards: API keys on write endpoints (and on reads when
configured), a per-key rate limit, a request body size limit, and CORS only
when asked for. Declared here once; api.py attaches them."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from starlette.responses import JSONResponse

from .store import keys


@dataclass
class ApiConfig:
    read_requires_key: bool = False        # reads are public unless this is set
    max_body_bytes: int = 5_000_000        # larger request bodies get 413
    rate_per_minute: int = 120             # requests per key per minute (burst up to this many)
    cors_origins: tuple[str, ...] = field(default_factory=tuple)   # none: CORS off


class RateLimiter:
    """Token bucket per key: `rate` requests a minute, bursts up to `rate`."""

    def __init__(self, rate_per_minute: int):
        self.capacity = float(max(1, rate_per_minute))
        self.refill = self.capacity / 60.0
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, who: str) -> tuple[bool, float]:
        """(allowed, seconds until the next token)."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(who, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill)
            if tokens >= 1:
                self.buckets[who] = (tokens - 1, now)
                return True, 0.0
            self.buckets[who] = (tokens, now)
            return False, (1 - tokens) / self.refill


def token_of(request: Request) -> str | None:
    """The key from `X-API-Key`, or `Authorization: Bearer`."""
    token = request.headers.get("x-api-key")
    if token:
        return token.strip()
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return None


def _check(request: Request, scope: str) -> keys.Key:
    app = request.app
    token = token_of(request)
    if not token:
        raise HTTPException(401, "this endpoint needs an API key (X-API-Key header; `sitrep keys create`)",
                            headers={"WWW-Authenticate": "Bearer"})
    key = keys.verify(app.state.store, token)
    if key is None:
        raise HTTPException(401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    if not key.allows(scope):
        raise HTTPException(403, f"this key may not {scope}")
    ok, wait = app.state.limiter.allow(f"key:{key.id}")
    if not ok:
        raise HTTPException(429, "rate limit exceeded for this key", headers={"Retry-After": str(int(wait) + 1)})
    keys.touch(app.state.store, key)
    return key


def require_write(request: Request) -> keys.Key:
    """Dependency of every endpoint that changes the store."""
    return _check(request, "write")


# The dashboard's page and the health check stay open, so a browser can load
# the page and then ask for a key.
PUBLIC_PATHS = {"/", "/health"}


def read_access(request: Request) -> keys.Key | None:
    """Dependency of every endpoint (app-wide), for reads: public unless reads
    need a key; a key given anyway is checked and rate-limited. Writes are
    checked by `require_write` on their own routes."""
    if request.method not in ("GET", "HEAD") or request.url.path in PUBLIC_PATHS:
        return None
    if request.app.state.config.read_requires_key or token_of(request):
        return _check(request, "read")
    return None


class BodyLimit:
    """ASGI middleware: a request whose body exceeds the limit gets 413,
    whether it declares its length or streams it. A streamed body is read
    (up to the limit) before the app sees it, since the app would turn an
    error raised mid-read into a 400."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.max_bytes:
                return await self._refuse(scope, receive, send)
            return await self.app(scope, receive, send)   # the server enforces the declared length
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return   # the client went away
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                return await self._refuse(scope, receive, send)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send):
        response = JSONResponse({"detail": f"request body over {self.max_bytes:,} bytes"}, status_code=413)
        await response(scope, receive, send)
