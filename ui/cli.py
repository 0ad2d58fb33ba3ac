"""``rag ui``: serve the chat in the browser (Gradio), on loopback unless asked otherwise."""

from __future__ import annotations

import argparse
import os

from rag.config import Settings

EXAMPLES = """\
examples:
  rag ui                               # http://127.0.0.1:7860
  rag ui --port 8080                   # another port (RAG_PORT)
  RAG_AUTH=ana:s3cret rag ui           # ask for a login
  rag ui --host 0.0.0.0                # every interface: only on a network you trust
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serve the chat in the browser: answers with clickable citations, the cited "
        "passages, conflict notes, and uploads of new articles. Log in with RAG_AUTH."
    )
    parser.epilog = EXAMPLES
    parser.add_argument(
        "--host",
        help="interface to listen on (RAG_HOST; default 127.0.0.1, this machine only)",
    )
    parser.add_argument("--port", type=int, help="port to listen on (RAG_PORT; default 7860)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    # Gradio reads these when it is imported: no usage reporting, no Hub look-ups, and its
    # upload cache inside the data folder rather than the system temp folder.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.uploads / ".incoming"))
    from ui.app import serve

    serve(settings)
    return 0
