"""The chat UI: Gradio wiring around :class:`rag.api.Pipeline` and :mod:`ui.uploads`.

Presentation only: questions go to one shared ``Pipeline`` (thread safe; it picks up a new
store generation after an upload), uploads to ``ingest``, follow-up questions come from
:mod:`rag.suggest`; HTML comes from :mod:`ui.render`, behaviour in the page from
``ui/chat.js``. The conversation lives in the browser's storage (``gr.BrowserState``), so it
survives a reload; the server keeps no per-reader state.

Run it with ``rag ui`` (see :mod:`ui.cli`), or from Python::

    from rag.config import Settings
    from ui.app import start
    running = start(Settings.from_env(), port=0)   # a free port
    print(running.url)
    running.close()
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import logging
import os
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as StillRunning
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Before Gradio is imported: no usage reporting, no Hub look-ups, nothing leaves the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from rag.api import Pipeline  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.errors import ConfigError, EmptyStoreError, QuestionError, RagError  # noqa: E402
from rag.schema import Answer, SchemaError  # noqa: E402
from rag.suggest import follow_ups  # noqa: E402
from rag.types import DocInfo  # noqa: E402
from ui import render  # noqa: E402
from ui.render import Exchange, FileStatus  # noqa: E402
from ui.security import Guard, LoginThrottle  # noqa: E402
from ui.uploads import OFFERED_SUFFIXES, UploadResult, add_article, add_url, too_large  # noqa: E402

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TITLE = "newsrag — answers from the news, never made up"
# Questions answered at the same time; the pipeline is thread safe and the model releases
# the GIL while encoding.
CONCURRENCY = 16
# Exchanges kept in the browser's storage: enough to scroll back through, small enough to
# send with every question.
KEPT_EXCHANGES = 20
SUGGESTIONS = 3
POLL_SECONDS = 0.3  # how often an upload's progress is shown
EXAMPLES = (
    "What did Putin give Trump in 2018?",
    "Does Russia have preconditions for talks?",
    "Who violated the Easter truce?",
    "What has Zelensky called Ukraine’s “red line”?",
    "How many people were killed in the latest aerial attack on Kyiv?",
)
INTRO = (
    '<div class="nr-intro"><p><strong>Ask about the news articles.</strong> Every answer is '
    "made of sentences copied verbatim from the articles, each with a numbered source: point "
    "at or tap a number to see the passage. Nothing is generated: when the articles do not "
    "say, you are told so.</p></div>"
)
# Runs in the page as a typed question is sent: the question goes to the server as typed and
# the box is emptied at once (as typing would empty it, so the page's state follows), ready
# for the next question while this one is answered.
TAKE_QUESTION = """(question, ...rest) => {
  const box = document.querySelector("#nr-question textarea");
  if (box && question && question.trim()) {
    box.value = "";
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return [question, ...rest];
}"""

# The drop zone's part of the upload: chat.js checks the files a reader drops or picks and
# hands the acceptable ones to ``send``, which uploads them into Gradio's cache and tells the
# server which they are (its value: a JSON list of {"path", "name"}). Not Gradio's own file
# control: its progress stream logs warnings and can miss its upload.
SEND_FILES = """
window.newsragUploads = {
  send: async (files, maxBytes) => {
    const sent = [];
    for (const file of files) {
      // A file over the limit is named, not sent: the server says why it is refused.
      const path = file.size > maxBytes ? null : (await upload(file)).path;
      sent.push({ path, name: file.name, size: file.size });
    }
    props.value = JSON.stringify(sent);
    trigger('sent');
  },
};
"""
# Gradio's login page shows this, and nothing when a login is refused for too many wrong
# passwords (the refusal itself says how long to wait, for programs): so it says it here.
LOGIN_MESSAGE = (
    "Log in with the user name and password you were given. After five wrong passwords "
    "within a minute, logins from your address must wait up to a minute."
)
# Lone surrogates: what a browser sends for text it could not encode; the model cannot read them.
_SURROGATES = re.compile("[\ud800-\udfff]")


def readable(question: str | None) -> str:
    """The question with characters no encoder can read replaced by U+FFFD.

    >>> readable("Putin\\ud800?")
    'Putin\\ufffd?'
    """
    return _SURROGATES.sub("\ufffd", question or "")


def question_refusal(question: str, exc: QuestionError, limit: int) -> str:
    """Why a question was refused, in words for readers (no setting names)."""
    length = len(" ".join(question.split()))
    if not length:
        return "Type a question first."
    if length > limit:
        return (
            f"Your question is {length:,} characters long; questions can be up to "
            f"{limit:,}. Please ask it more briefly."
        )
    message = str(exc)
    return message[:1].upper() + message[1:] + "."


def store_problem(exc: RagError) -> str:
    """A store that cannot answer, in words for readers; the log has the details."""
    if isinstance(exc, EmptyStoreError):
        return "There are no articles to search yet: add some with “Add articles”."
    return (
        "The articles cannot be searched right now. Please try again later; "
        "the server log says what is wrong."
    )


def exchanges_of(history: Sequence[Any] | None) -> list[Exchange]:
    """The conversation kept in the browser; anything that is not a stored answer is dropped
    (the browser's storage is the reader's, and may hold anything)."""
    exchanges = []
    for item in history or []:
        try:
            exchanges.append(Exchange(int(item["turn"]), Answer.from_dict(item["answer"])))
        except (KeyError, TypeError, ValueError, SchemaError):
            logger.warning("dropped a conversation entry the browser sent that is not an answer")
    return exchanges


def history_of(exchanges: Sequence[Exchange]) -> list[dict[str, Any]]:
    return [{"turn": e.turn, "answer": e.answer.to_dict()} for e in exchanges[-KEPT_EXCHANGES:]]


class UploadProgress:
    """The latest progress ingest reported, read by the handler that shows it."""

    def __init__(self) -> None:
        self.done = self.total = 0
        self.what = ""

    def __call__(self, done: int, total: int, what: str) -> None:
        self.done, self.total, self.what = done, total, what


class Handlers:
    """What the UI's events do: plain methods over one shared pipeline, testable directly."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.settings = pipeline.settings
        # Every reply to an Ask or an upload differs from the one before, so the page knows
        # which attempt a status belongs to.
        self._attempts = itertools.count(1)

    # --- Questions -----------------------------------------------------------------------

    def ask(
        self,
        question: str | None,
        history: list[Any] | None,
        sources: list[str] | None = None,
    ) -> tuple[Any, ...]:
        """Answer ``question``: returns (text box, history, chat, panel, hint).

        An answer leaves the text box alone: the page empties it as the question is sent
        (:data:`TAKE_QUESTION`), and the reader may have begun the next one by the time the
        answer comes, or have a draft there while asking an example. A refused question
        (empty, too long) or a store problem is said in words under the text box, which gets
        the question back so that it can be corrected; the chat is unchanged.
        """
        attempt = next(self._attempts)
        question = readable(question)
        exchanges = exchanges_of(history)
        try:
            answer = self._answer(question, sources)
        except QuestionError as exc:
            refusal = question_refusal(question, exc, self.settings.max_question_chars)
        except RagError as exc:
            logger.warning("cannot answer: %s", exc)
            refusal = store_problem(exc)
        except Exception:
            logger.exception("answering %r failed", question)
            refusal = (
                "Something went wrong while answering. Please try again; if it keeps "
                "happening, the server log says why."
            )
        else:
            turn = exchanges[-1].turn + 1 if exchanges else 1
            exchanges = [*exchanges, Exchange(turn, answer)][-KEPT_EXCHANGES:]
            return (
                gr.skip(),
                history_of(exchanges),
                render.render_chat(exchanges, INTRO),
                self.panel(exchanges),
                render.render_hint(self.settings.max_question_chars, attempt=attempt),
            )
        skip = gr.skip()
        return (
            question,
            skip,
            skip,
            skip,
            render.render_hint(self.settings.max_question_chars, refusal, attempt=attempt),
        )

    def ask_label(
        self, label: str | None, history: list[Any] | None, sources: list[str] | None = None
    ) -> tuple[Any, ...]:
        """Ask an example's or a follow-up's label: what :meth:`ask` returns, except that the
        text box keeps whatever the reader has there, even when the question is refused."""
        _, *rest = self.ask(label, history, sources)
        return (gr.skip(), *rest)

    def _answer(self, question: str, sources: list[str] | None) -> Answer:
        return self.pipeline.ask(question, sources=sources or None)

    @staticmethod
    def panel(exchanges: Sequence[Exchange]) -> str:
        return render.render_panel([render.render_sources(e.answer, e.turn) for e in exchanges])

    def restore(self, history: list[Any] | None) -> tuple[str, str]:
        """The chat and the panel for the conversation kept in the browser (on page load)."""
        exchanges = exchanges_of(history)
        return render.render_chat(exchanges, INTRO), self.panel(exchanges)

    def clear(self) -> tuple[list[Any], str, str, str]:
        hint = render.render_hint(self.settings.max_question_chars)
        return [], render.render_chat([], INTRO), render.render_panel([]), hint

    def suggest(self, history: list[Any] | None) -> list[Any]:
        """Up to three follow-up questions for the latest answer, each one the articles answer."""
        exchanges = exchanges_of(history)
        questions: list[str] = []
        if exchanges and not exchanges[-1].answer.abstained:
            asked = [e.answer.question for e in exchanges]
            try:
                questions = follow_ups(self.pipeline, exchanges[-1].answer, asked, SUGGESTIONS)
            except RagError as exc:
                logger.warning("no follow-up questions: %s", exc)
        shown = [gr.Button(value=q, visible=True) for q in questions]
        return shown + [gr.Button(visible=False)] * (SUGGESTIONS - len(shown))

    def article(self, doc_id: str, start: int, end: int) -> str:
        """A whole stored article with characters ``start:end`` marked (the reader view)."""
        try:
            store = self.pipeline.store
            doc = store.docs[str(doc_id)]
            return render.render_article(doc, store.text(doc.doc_id), int(start), int(end))
        except (RagError, KeyError, ValueError):
            logger.warning("no article %r to show", doc_id)
            return '<p class="nr-empty">This article is no longer in the store.</p>'

    # --- Articles ------------------------------------------------------------------------

    def known_articles(self) -> dict[str, DocInfo]:
        try:
            return dict(self.pipeline.store.docs)
        except EmptyStoreError:
            return {}

    def articles(self) -> tuple[str, Any]:
        """The article list and the articles one may choose to search."""
        docs = self.known_articles()
        choices = [
            (render.article_choice(d), d.doc_id)
            for d in sorted(docs.values(), key=lambda d: (d.published or "", d.title))
        ]
        return (
            render.render_articles(docs.values(), self.settings.uploads),
            gr.Dropdown(choices=choices),
        )

    def add_files(self, sent: str | None) -> Iterator[tuple[Any, ...]]:
        """Add uploaded article files one by one, showing each one's progress and outcome:
        yields (status, article list, articles to search).

        ``sent`` is what the drop zone sends: a JSON list of {"path", "name"} for files it
        has uploaded into Gradio's cache. Any other path is refused: the page is the
        reader's, and could name any file on the server.
        """
        jobs = [
            (name, _bound(self._add_file, path, name), path)
            if path
            else (name, _bound(self._refuse_large, name, size), None)
            for name, path, size in uploaded_files(sent)
        ]
        yield from self._run(jobs, empty="Choose or drop the article files to add.")

    def add_address(self, url: str | None) -> Iterator[tuple[Any, ...]]:
        """Add the article at a web address: yields what :meth:`add_files` does, after
        emptying the address box.

        The box is emptied by the first update only: emptying it again with the last one
        would wipe out an address the reader has begun to type while this one was added.
        """
        url = (url or "").strip()
        jobs = [(url, _bound(self._add_url, url), None)] if url else []
        box: Any = ""
        for outputs in self._run(jobs, empty="Paste the article's web address first."):
            yield box, *outputs
            box = gr.skip()

    def _add_file(self, path: Path, name: str, progress: UploadProgress) -> str:
        result: UploadResult = add_article(
            path,
            name,
            self.settings,
            known=self.known_articles(),
            embedder=self.pipeline.embedder,
            progress=progress,
        )
        doc = result.doc
        if result.already_present:
            return f"already in the store as “{doc.title}”; nothing to add"
        return f"added as “{doc.title}”; you can ask about it now"

    def _refuse_large(self, name: str, size: int, progress: UploadProgress) -> str:
        raise too_large(name, size, self.settings)

    def _add_url(self, url: str, progress: UploadProgress) -> str:
        report = add_url(url, self.settings, embedder=self.pipeline.embedder, progress=progress)
        if not report.changed:
            return "already in the store; nothing to add"
        return "added; you can ask about it now"

    def _run(
        self,
        jobs: Sequence[tuple[str, Callable[[UploadProgress], str], Path | None]],
        *,
        empty: str,
    ) -> Iterator[tuple[Any, ...]]:
        """Run add jobs one after another, yielding the status of the whole attempt each
        time it changes (and every :data:`POLL_SECONDS` while one embeds)."""
        attempt = next(self._attempts)
        skip = gr.skip()
        if not jobs:
            refused = [FileStatus("", "refused", empty)]
            yield render.render_upload_status(refused, attempt), skip, skip
            return
        statuses = [FileStatus(name, "waiting", "waiting") for name, _, _ in jobs]
        for i, (name, job, cached) in enumerate(jobs):
            statuses[i] = FileStatus(name, "working", "checking")
            yield render.render_upload_status(statuses, attempt), skip, skip
            progress = UploadProgress()
            with ThreadPoolExecutor(max_workers=1) as pool:
                future = pool.submit(job, progress)
                while True:
                    try:
                        message = future.result(timeout=POLL_SECONDS)
                        statuses[i] = FileStatus(name, "added", message)
                        break
                    except StillRunning:
                        statuses[i] = _working(name, progress)
                        yield render.render_upload_status(statuses, attempt), skip, skip
                    except RagError as exc:
                        statuses[i] = FileStatus(name, "refused", f"not added: {_reason(exc)}")
                        break
                    except Exception:
                        logger.exception("adding %s failed", name)
                        statuses[i] = FileStatus(
                            name,
                            "refused",
                            "not added: something went wrong; the server log says why",
                        )
                        break
            if cached is not None:
                discard_cached(cached)
        yield render.render_upload_status(statuses, attempt), *self.articles()


def uploaded_files(sent: str | None) -> list[tuple[str, Path | None, int]]:
    """What the drop zone sent, as (original name, path in Gradio's cache, size): the path
    is None for a file the page did not upload because it is over the size limit."""
    cache = Path(gr.utils.get_upload_folder()).resolve()
    try:
        items = json.loads(sent or "[]")
    except json.JSONDecodeError:
        items = []
    files: list[tuple[str, Path | None, int]] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        name, size = str(item["name"]), int(item.get("size") or 0)
        if not item.get("path"):
            files.append((name, None, size))
            continue
        path = Path(str(item["path"])).resolve()
        if cache in path.parents and path.is_file():
            files.append((name, path, size))
        else:
            logger.warning("refused to read %s: not an upload", path)
    return files


def _bound(job: Callable[..., str], *args: Any) -> Callable[[UploadProgress], str]:
    return lambda progress: job(*args, progress)


def _working(name: str, progress: UploadProgress) -> FileStatus:
    if not progress.total:
        return FileStatus(name, "working", "reading")
    return FileStatus(
        name,
        "working",
        f"indexing {progress.what}: {progress.done:,} of {progress.total:,}",
        progress.done,
        progress.total,
    )


def _reason(exc: RagError) -> str:
    """An ingest or upload error as the end of "not added: ..." (the store is unchanged)."""
    message = str(exc).rstrip(".")
    return f"{message[:1].lower()}{message[1:]}. The store is unchanged."


def discard_cached(path: Path) -> None:
    """Delete Gradio's copy of an upload once it has been handled: a refused file must not
    stay on the server, and an added one lives on in the uploads folder."""
    cache = Path(gr.utils.get_upload_folder()).resolve()
    resolved = path.resolve()
    if cache not in resolved.parents:
        return
    resolved.unlink(missing_ok=True)
    folder = resolved.parent
    if folder != cache and not any(folder.iterdir()):
        folder.rmdir()


def build_app(settings: Settings, pipeline: Pipeline | None = None) -> gr.Blocks:
    """The Blocks app (not launched). ``pipeline`` defaults to a new one for ``settings``."""
    handlers = Handlers(pipeline or Pipeline(settings))
    limit = settings.max_question_chars
    max_upload = render.format_size(settings.upload_max_bytes)
    with gr.Blocks(title="newsrag", delete_cache=(3600, 3600)) as demo:
        # The reader's own conversation, in the browser's storage. Not a secret: the
        # answers are public quotes; the fixed key lets it survive a restart of the server.
        history = gr.BrowserState([], storage_key="newsrag-conversation", secret="newsrag")
        gr.HTML(
            f'<header class="nr-header"><div><h1>{render.text_html(TITLE)}</h1>'
            "<p>Verbatim sentences from the articles, each with its source. "
            "Conflicting reports are flagged.</p></div>"
            '<div class="nr-header-tools">'
            '<button type="button" id="nr-export">Export conversation</button>'
            '<button type="button" id="nr-theme" aria-pressed="false">Dark theme</button>'
            "</div></header>",
            elem_id="nr-header",
            js_on_load=None,
        )
        with gr.Row(equal_height=False, elem_id="nr-body"):
            with gr.Column(scale=3, min_width=340, elem_id="nr-main"):
                chat = gr.HTML(render.render_chat([], INTRO), elem_id="nr-chat", js_on_load=None)
                with gr.Row(equal_height=True, elem_id="nr-ask-row"):
                    question = gr.Textbox(
                        label="Your question about the articles",
                        show_label=False,
                        placeholder="Ask about the articles…",
                        lines=1,
                        max_lines=4,
                        max_length=limit,
                        scale=5,
                        autofocus=True,
                        elem_id="nr-question",
                    )
                    ask = gr.Button(
                        "Ask", variant="primary", scale=1, min_width=80, elem_id="nr-ask"
                    )
                hint = gr.HTML(render.render_hint(limit), elem_id="nr-hint", js_on_load=None)
                with gr.Row(elem_id="nr-suggestions"):
                    gr.HTML('<span class="nr-label">Ask next</span>', js_on_load=None)
                    suggestions = [
                        gr.Button(visible=False, size="sm", variant="secondary")
                        for _ in range(SUGGESTIONS)
                    ]
                gr.HTML('<span class="nr-label">Try asking</span>', js_on_load=None)
                with gr.Row(elem_id="nr-examples"):
                    examples = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
                clear = gr.Button("New conversation", size="sm", elem_id="nr-clear")
            with gr.Column(scale=2, min_width=320, elem_id="nr-side"):
                gr.HTML('<h2 class="nr-label">Sources</h2>', js_on_load=None)
                panel = gr.HTML(render.render_panel([]), elem_id="nr-panel", js_on_load=None)
                choose = gr.Dropdown(
                    label="Articles to search",
                    info="Leave empty to search them all; type a publisher or a date to find one.",
                    multiselect=True,
                    choices=[],
                    elem_id="nr-choose",
                )
                with gr.Group(elem_id="nr-add"):
                    gr.HTML(
                        f'<h2 class="nr-label" id="nr-add-title" '
                        f'data-max-bytes="{settings.upload_max_bytes}" '
                        f'data-max-text="{max_upload}">Add articles</h2>'
                        f'<p class="nr-add-help">Files ({", ".join(OFFERED_SUFFIXES)}), at most '
                        f"{max_upload} each, or a web address. They can be asked about as "
                        "soon as they are added.</p>",
                        js_on_load=None,
                    )
                    files = gr.HTML(
                        "[]",
                        html_template=render.render_drop_zone(OFFERED_SUFFIXES),
                        js_on_load=SEND_FILES,
                        elem_id="nr-upload",
                    )
                    with gr.Row(equal_height=True):
                        address = gr.Textbox(
                            label="Web address of an article",
                            placeholder="https://…",
                            lines=1,
                            max_lines=1,
                            scale=4,
                            elem_id="nr-url",
                        )
                        add = gr.Button("Add", scale=1, min_width=70, elem_id="nr-add-url")
                    status = gr.HTML(
                        render.render_upload_status([], 0),
                        elem_id="nr-upload-status",
                        js_on_load=None,
                    )
                articles = gr.HTML(elem_id="nr-articles", js_on_load=None)

        def article(where: list[Any]) -> str:
            # A server function gets its JavaScript arguments as one list; Gradio marks it
            # with an attribute, which a bound method cannot take.
            doc_id, start, end = where
            return handlers.article(doc_id, start, end)

        gr.HTML(
            "",
            elem_id="nr-reader",
            server_functions=[article],
            # The page's script opens an article through this: the server renders it.
            js_on_load=(
                "window.newsragReader = {"
                " open: async (doc, start, end) => {"
                " props.value = await server.article(doc, start, end); },"
                " close: () => { props.value = ''; } };"
            ),
        )

        ask_outputs = [question, history, chat, panel, hint]
        asked: dict[str, Any] = {
            "concurrency_limit": CONCURRENCY,
            "concurrency_id": "ask",
            "show_progress": "hidden",  # the Ask button shows that it is busy
        }
        question.submit(
            handlers.ask,
            [question, history, choose],
            ask_outputs,
            api_name="ask",
            js=TAKE_QUESTION,
            **asked,
        ).then(handlers.suggest, history, suggestions, api_visibility="private")
        # The Ask button asks what is in the box; an example or a suggestion asks its label
        # and leaves the box as it is.
        for button, fn, source, js in [
            (ask, handlers.ask, question, TAKE_QUESTION),
            *((b, handlers.ask_label, b, None) for b in (*examples, *suggestions)),
        ]:
            button.click(
                fn,
                [source, history, choose],
                ask_outputs,
                api_visibility="private",
                js=js,
                **asked,
            ).then(handlers.suggest, history, suggestions, api_visibility="private")
        clear.click(
            handlers.clear, None, [history, chat, panel, hint], api_visibility="private"
        ).then(lambda: [gr.Button(visible=False)] * SUGGESTIONS, None, suggestions)

        article_outputs = [status, articles, choose]
        files.sent(
            handlers.add_files,
            files,
            article_outputs,
            api_name="add_articles",
            concurrency_limit=1,
            concurrency_id="add",
            show_progress="hidden",  # the status under the control shows each file's progress
        )
        add_address: dict[str, Any] = {
            "fn": handlers.add_address,
            "inputs": address,
            "outputs": [address, *article_outputs],
            "concurrency_limit": 1,
            "concurrency_id": "add",
            "show_progress": "hidden",
        }
        add.click(**add_address, api_name="add_address")
        address.submit(**add_address, api_visibility="private")
        demo.load(handlers.restore, history, [chat, panel], api_visibility="private")
        demo.load(handlers.articles, None, [articles, choose], api_visibility="private")
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
    """Theme, CSS and the page's script, as ``launch()`` takes them (Gradio 6)."""
    theme = gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        # System fonts: nothing to fetch, so the page renders the same offline.
        font=["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
    ).set(
        # WCAG AA: secondary text and the primary button at 4.5:1 or more, in both themes.
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
        block_info_text_color="*neutral_600",
        block_info_text_color_dark="*neutral_300",
        input_placeholder_color="*neutral_500",
        input_placeholder_color_dark="*neutral_400",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_600",
        button_primary_text_color="white",
        block_title_text_color="*primary_700",
        block_title_text_color_dark="*neutral_50",
        block_label_text_color="*primary_700",
        block_label_text_color_dark="*neutral_50",
        link_text_color="*primary_700",
        link_text_color_dark="*primary_300",
    )
    frame = (HERE / "frame.css").read_text(encoding="utf-8")
    script = (HERE / "chat.js").read_text(encoding="utf-8")
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
    (RAG_AUTH=user:password) is set, and wrong passwords are throttled per client. Every
    response carries the security headers of :mod:`ui.security`.
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
            auth_message=LOGIN_MESSAGE if auth else None,
            prevent_thread_lock=True,
            quiet=True,
            inbrowser=False,
            show_error=False,
            # The page refuses larger files itself, in the same words as the server; this
            # keeps anything larger from reaching the server's disk at all.
            max_file_size=settings.upload_max_bytes,
            footer_links=[],
            ssr_mode=False,
            mcp_server=False,
            pwa=False,
            app_kwargs={"middleware": [Middleware(Guard, throttle=LoginThrottle())]},
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
    # Ctrl+C and a service manager's SIGTERM both stop the chat, also when it was started in
    # the background, where a shell hands it SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    pipeline = Pipeline(settings)
    warm_up(pipeline)
    running = start(settings, pipeline)
    try:
        # The announcement sits inside the try: a stop that arrives the moment after it, before
        # Gradio's own wait has begun, is still a clean stop and not an interrupted start.
        print(f"newsrag chat: {running.url}  (Ctrl+C to stop)", flush=True)
        running.demo.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
