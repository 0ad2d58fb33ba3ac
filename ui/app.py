"""The chat UI: Gradio wiring around :class:`rag.api.Pipeline` and :func:`ui.uploads.add_article`.

Presentation only: questions go to one shared ``Pipeline`` (thread safe; it picks up a new
store generation after an upload), uploads to ``ingest``; HTML comes from :mod:`ui.render`.

Run it with ``rag ui`` (see :mod:`ui.cli`), or from Python::

    from rag.config import Settings
    from ui.app import start
    running = start(Settings.from_env(), port=0)   # a free port
    print(running.url)
    running.close()
"""

from __future__ import annotations

import ipaddress
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Before Gradio is imported: no usage reporting, no Hub look-ups, nothing leaves the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from rag.api import Pipeline  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.errors import ConfigError, EmptyStoreError, QuestionError, RagError  # noqa: E402
from rag.types import DocInfo  # noqa: E402
from ui import render  # noqa: E402
from ui.uploads import add_article  # noqa: E402

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TITLE = "newsrag — answers from the news, never made up"
# Questions answered at the same time; the pipeline is thread safe and the model releases
# the GIL while encoding.
CONCURRENCY = 8
EXAMPLES = (
    "What did Putin give Trump in 2018?",
    "Is Russia demanding anything before talks begin?",
    "Who violated the Easter truce?",
    "What has Zelensky called Ukraine’s “red line”?",
    "How many people were killed in the latest aerial attack on Kyiv?",
)
INTRO = (
    "**Ask about the news articles.** Every answer is made of sentences copied verbatim "
    "from the articles, each with a numbered source; click a number to see the passage. "
    "Nothing is generated: when the articles do not say, you are told so."
)
_PROGRESS = gr.Progress()  # Gradio recognises a progress parameter by this default


class Handlers:
    """What the UI's events do: plain methods over one shared pipeline, testable directly."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings

    def ask(
        self, question: str | None, history: list[Any] | None, sections: list[str] | None
    ) -> tuple[str, list[Any], list[str], str]:
        """Answer ``question``: returns (text box, chat history, panel sections, panel HTML).

        A question the pipeline refuses (empty, too long) or a store problem shows its message
        in the chat; the text box keeps a refused question so it can be corrected.
        """
        question = question or ""
        history = list(history or [])
        sections = list(sections or [])
        turn = len(sections) + 1
        if question.strip():
            history.append({"role": "user", "content": render.render_question(question)})
        try:
            answer = self.pipeline.ask(question)
        except RagError as exc:
            error, box = str(exc), question if isinstance(exc, QuestionError) else ""
        except Exception:
            logger.exception("answering %r failed", question)
            error, box = "Something went wrong while answering; the server log has the details.", ""
        else:
            history.append({"role": "assistant", "content": render.render_answer(answer, turn)})
            sections.append(render.render_sources(answer, turn))
            return "", history, sections, render.render_panel(sections)
        history.append({"role": "assistant", "content": render.render_error(error)})
        return box, history, sections, render.render_panel(sections)

    def clear(self) -> tuple[str, list[Any], list[str], str]:
        return "", [], [], render.render_panel([])

    def known_articles(self) -> dict[str, DocInfo]:
        try:
            return dict(self.pipeline.store.docs)
        except EmptyStoreError:
            return {}

    def articles(self) -> tuple[str, Any]:
        """The article list and its heading with the count."""
        docs = self.known_articles()
        return (
            render.render_articles(docs.values(), self.settings.uploads),
            gr.Accordion(label=f"Articles in the store ({len(docs)})"),
        )

    def upload(self, file: str | None, progress: gr.Progress = _PROGRESS) -> tuple[str, str, Any]:
        """Add an uploaded article: returns (status HTML, article list, its heading)."""
        if not file:
            status = render.render_status("Choose a .txt or .md file to add.", ok=False)
            return status, *self.articles()
        name = Path(file).name
        progress(0.0, desc=f"Checking {name}")

        def report(done: int, total: int, what: str) -> None:
            progress(done / max(total, 1), desc=f"Embedding {what}: {done}/{total}")

        try:
            result = add_article(
                Path(file),
                name,
                self.settings,
                known=self.known_articles(),
                embedder=self.pipeline.embedder,
                progress=report,
            )
        except RagError as exc:
            status = render.render_status(f"Not added: {exc}. The store is unchanged.", ok=False)
            return status, *self.articles()
        doc = result.doc
        if result.already_present:
            message = f"Already in the store as “{doc.title}” ({doc.doc_id}); nothing to add."
        else:
            message = (
                f"Added “{doc.title}” ({doc.doc_id}); the store now holds "
                f"{result.report.documents} articles. You can ask about it right away."
            )
        return render.render_status(message, ok=True), *self.articles()


def build_app(settings: Settings, pipeline: Pipeline | None = None) -> gr.Blocks:
    """The Blocks app (not launched). ``pipeline`` defaults to a new one for ``settings``."""
    handlers = Handlers(pipeline or Pipeline(settings))
    with gr.Blocks(title="newsrag", delete_cache=(3600, 3600)) as demo:
        gr.HTML(
            f"<h1>{render.text_html(TITLE)}</h1>"
            "<p>Verbatim sentences from the articles, each with its source. "
            "Conflicting reports are flagged.</p>",
            elem_id="nr-header",
            js_on_load=None,
        )
        sections = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                chatbot = gr.Chatbot(
                    label="Chat",
                    show_label=False,
                    height=560,
                    placeholder=INTRO,
                    latex_delimiters=[],
                    buttons=[],
                    feedback_options=None,
                    group_consecutive_messages=False,
                    elem_id="nr-chat",
                )
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        placeholder="Ask about the articles…",
                        show_label=False,
                        lines=1,
                        max_lines=4,
                        scale=5,
                        autofocus=True,
                        elem_id="nr-question",
                    )
                    ask = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                gr.HTML('<span class="nr-label">Try asking</span>', js_on_load=None)
                with gr.Row(elem_id="nr-examples"):
                    examples = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
            with gr.Column(scale=2, min_width=320, elem_id="nr-side"):
                gr.HTML('<span class="nr-label">Sources</span>', js_on_load=None)
                panel = gr.HTML(render.render_panel([]), elem_id="nr-panel", js_on_load=None)
                with gr.Accordion("Articles in the store", open=True) as articles_box:
                    articles = gr.HTML(elem_id="nr-articles", js_on_load=None)
                with gr.Accordion("Add an article", open=False):
                    gr.Markdown(
                        f"A `.txt` or `.md` file in UTF-8, at most "
                        f"{settings.upload_max_bytes:,} bytes; its first line is taken as "
                        "the title. It is searchable as soon as it is added."
                    )
                    upload = gr.File(
                        label="Article file",
                        file_types=[".txt", ".md"],
                        type="filepath",
                        elem_id="nr-upload",
                    )
                    status = gr.HTML(elem_id="nr-upload-status", js_on_load=None)

        chat_outputs = [question, chatbot, sections, panel]
        question.submit(
            handlers.ask,
            [question, chatbot, sections],
            chat_outputs,
            api_name="ask",
            concurrency_limit=CONCURRENCY,
            concurrency_id="ask",
        )
        # The Ask button asks what is in the box; an example button asks its own label.
        for button, source in [(ask, question), *((b, b) for b in examples)]:
            button.click(
                handlers.ask,
                [source, chatbot, sections],
                chat_outputs,
                api_visibility="private",
                concurrency_id="ask",
            )
        chatbot.clear(handlers.clear, None, chat_outputs, api_visibility="private", queue=False)
        upload.upload(
            handlers.upload,
            upload,
            [status, articles, articles_box],
            api_name="add_article",
            concurrency_limit=1,
        ).then(lambda: None, None, upload, api_visibility="private", queue=False)
        demo.load(handlers.articles, None, [articles, articles_box], api_visibility="private")
    return demo


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``"user:password"`` (RAG_AUTH) -> ``("user", "password")``; None when unset.

    >>> parse_auth("ana:s3cret:x")
    ('ana', 's3cret:x')
    """
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError("RAG_AUTH must look like user:password (both non-empty): fix or unset it")
    return user, password


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warn_if_exposed(host: str, port: int, auth: tuple[str, str] | None) -> None:
    """Log a warning when ``host`` lets other machines in (only ever on request)."""
    if is_loopback(host):
        return
    logger.warning(
        "serving the chat on %s: anyone who can reach this machine on port %s can use it%s",
        host,
        port or "(a free one)",
        "" if auth else "; set RAG_AUTH=user:password to require a login",
    )


def page_assets() -> dict[str, Any]:
    """Theme, CSS and the citation script, as ``launch()`` takes them (Gradio 6)."""
    theme = gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        # System fonts: nothing to fetch, so the page renders the same offline.
        font=["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
    )
    frame = (HERE / "frame.css").read_text(encoding="utf-8")
    script = (HERE / "cite.js").read_text(encoding="utf-8")
    return {
        "theme": theme,
        "css": (HERE / "style.css").read_text(encoding="utf-8"),
        "head": f"<style>{frame}</style><script>{script}</script>",
    }


@dataclass
class Running:
    """A launched app: its URL, and how to stop it."""

    demo: gr.Blocks
    url: str

    def close(self) -> None:
        self.demo.close(verbose=False)


def start(
    settings: Settings,
    pipeline: Pipeline | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
) -> Running:
    """Launch the app without blocking; ``port=0`` picks a free one. Returns its URL.

    Listens on ``settings.host`` (loopback by default); any other interface is served
    only because it was asked for, with a warning. Login is required when ``settings.auth``
    (RAG_AUTH=user:password) is set.
    """
    host = host or settings.host
    port = settings.port if port is None else port
    auth = parse_auth(settings.auth)
    warn_if_exposed(host, port, auth)
    demo = build_app(settings, pipeline)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    try:
        demo.launch(
            server_name=host,
            server_port=port or _free_port(host),
            share=False,
            auth=auth,
            auth_message="Log in with the user and password set in RAG_AUTH." if auth else None,
            prevent_thread_lock=True,
            quiet=True,
            inbrowser=False,
            show_error=False,
            max_file_size=settings.upload_max_bytes,
            footer_links=["api"],
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
            **page_assets(),
        )
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {exc}. Stop whatever uses the port, or pick "
            "another with --port / RAG_PORT"
        ) from None
    url = f"http://{host if ':' not in host else f'[{host}]'}:{demo.server_port}/"
    return Running(demo, url)


def _free_port(host: str) -> int:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def warm_up(pipeline: Pipeline) -> None:
    """Load the model and open the store now, so the first question is answered quickly."""
    pipeline.embedder.encode(["warm up"])
    try:
        pipeline.store  # noqa: B018 - opening it is the point
    except EmptyStoreError as exc:
        logger.warning("%s", exc)


def serve(settings: Settings) -> None:
    """Run the chat until interrupted (what ``rag ui`` does): warm up, launch, print the URL."""
    pipeline = Pipeline(settings)
    warm_up(pipeline)
    running = start(settings, pipeline)
    print(f"newsrag chat: {running.url}  (Ctrl+C to stop)", flush=True)
    try:
        running.demo.block_thread()
    finally:
        running.close()
