"""A real ``chroma run`` server on loopback, started and stopped around a block of code."""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rag.errors import StoreError

STARTUP_SECONDS = 60.0


def chroma_executable() -> str:
    """The ``chroma`` command installed beside this Python, else the one on ``PATH``."""
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        raise StoreError("the `chroma` command is not installed: `pip install chromadb`")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def chroma_server(path: Path, log: Path | None = None) -> Iterator[str]:
    """Run ``chroma run --path PATH`` on a free loopback port; yields its URL.

    The server is stopped (and waited for) when the block ends, whatever happens in it.

    Example::

        with chroma_server(Path("/tmp/chroma")) as url:   # "http://127.0.0.1:PORT"
            ingest(None, settings.replace(chroma_url=url))
    """
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [chroma_executable(), "run", "--path", str(path), "--host", "127.0.0.1"]
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(open(log, "ab")) if log else subprocess.DEVNULL
        process = subprocess.Popen([*command, "--port", str(port)], stdout=output, stderr=output)
        try:
            _wait_until_up(url, port, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(url: str, port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"`chroma run` exited with code {process.returncode} at startup")
        # http.client rather than urllib: no proxy from the environment on loopback.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/api/v2/heartbeat")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise StoreError(f"the Chroma server at {url} did not answer within {STARTUP_SECONDS:.0f} s")
