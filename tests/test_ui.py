"""The chat UI without a browser: rendering, uploads, the `rag ui` command, the Gradio API.

Rendering is checked on real answers from the session store (markers lead to source cards,
the highlighted characters are the article's own) and on crafted values for what the
bundled articles do not contain (hostile markup, conflict notes). The Gradio app runs
in-process on a free loopback port and is driven through ``gradio_client``.
"""

from __future__ import annotations

import html
import json
import logging
import re
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from rag import store as st
from rag.api import Pipeline
from rag.cli import build_parser, settings_from
from rag.config import PROJECT_ROOT, Settings
from rag.errors import ConfigError, StoreError
from rag.schema import (
    Answer,
    AnswerSentence,
    Citation,
    Claim,
    ConflictNote,
    Context,
    NearestPassage,
    Source,
)
from rag.types import DocInfo
from ui import render
from ui.app import Handlers, is_loopback, parse_auth, start, warn_if_exposed
from ui.uploads import UploadError, add_article, safe_filename, validate_upload

# Gradio's in-process queue summarises its events with deprecated pandas options.
pytestmark = pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")
# Not imported from conftest: whether tests/ is a package decides how that import is spelled.
GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"
RAG = [sys.executable, "-m", "rag.cli"]
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> ${alert(1)} {{x}} $$x$$ `y`"
PUTIN_GIFT = "What did Putin give Trump in 2018?"
OUT_OF_CORPUS = "What did the German chancellor say about the talks?"
ARTICLE = """Lindenport ferry vote

The Lindenport harbour council voted on Tuesday to run a night ferry across the bay.
The ferry will carry up to 80 passengers and start in June, the harbour master said.
"""


def _cards(sources_html: str) -> dict[str, str]:
    """Source card id -> its inner HTML."""
    return dict(
        re.findall(r'<article class="nr-source" id="([^"]+)">(.*?)</article>', sources_html)
    )


def _text(fragment: str) -> str:
    """What the browser shows for a fragment of our markup (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment.replace("<br>", "\n")))


def _citation(n: int, **changes: object) -> Citation:
    source: dict[str, object] = {
        "doc_id": f"doc{n}",
        "title": f"Title {n}",
        "publisher": "The Paper",
        "published": "2025-04-22",
    }
    source.update({k: changes.pop(k) for k in list(changes) if k in source})
    values: dict[str, object] = {
        "n": n,
        "source": Source(**source),  # type: ignore[arg-type]
        "start": 110,
        "end": 124,
        "quote": "Beta <b> & co.",
        "context": Context(100, changes.pop("context", "Alpha one Beta <b> & co. Gamma.")),  # type: ignore[arg-type]
    }
    values.update(changes)
    return Citation(**values)  # type: ignore[arg-type]


# --- Rendering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "a < b > c & d \"e\" 'f'", "*bold* _it_ [1](x) ~~s~~ |t| \\n", "line\nbreak"],
)
def test_text_html_is_inert_and_shows_the_same_characters(text: str) -> None:
    shown = render.text_html(text)
    assert not re.search(r"<(?!br>)", shown), "only our own <br> may be markup"
    for ch in "${}`*_[]~|":
        assert ch not in shown
    assert html.unescape(shown.replace("<br>", "\n")) == text


def test_highlight_marks_exactly_the_quoted_characters() -> None:
    citation = _citation(1)
    marked = render.highlight(citation)
    quote = re.search(r'<mark class="nr-quote">(.*?)</mark>', marked)
    assert quote is not None and _text(quote.group(1)) == "Beta <b> & co."
    assert _text(marked) == citation.context.text
    outside = render.highlight(_citation(1, start=90, end=95, quote="other"))
    assert _text(outside) == "other" and "<mark" in outside


def test_markers_point_at_source_cards_of_the_same_answer(pipeline: Pipeline) -> None:
    answer = pipeline.ask(PUTIN_GIFT)
    assert not answer.abstained
    chat = render.render_answer(answer, turn=3)
    cards = _cards(render.render_sources(answer, turn=3))
    targets = set(re.findall(r'<a class="nr-cite" href="#([^"]+)"', chat))
    assert targets == set(cards) == {f"nr-src-3-{c.n}" for c in answer.citations}
    assert "Euromaidan Press" in _text(chat)
    for sentence in answer.sentences:
        assert render.text_html(sentence.text) in chat


def test_source_cards_highlight_the_verbatim_article_text(
    pipeline: Pipeline, article_texts: dict[str, str]
) -> None:
    questions = [PUTIN_GIFT, "Is Russia demanding anything before talks begin?"]
    checked = 0
    for question in questions:
        answer = pipeline.ask(question)
        cards = _cards(render.render_sources(answer, turn=1))
        for c in answer.citations:
            card = cards[f"nr-src-1-{c.n}"]
            marked = re.search(r'<mark class="nr-quote">(.*?)</mark>', card, re.S)
            assert marked is not None
            original = article_texts[c.source.doc_id]
            assert _text(marked.group(1)) == c.quote == original[c.start : c.end]
            context = re.search(r'<blockquote class="nr-context">(.*?)</blockquote>', card, re.S)
            assert context is not None and _text(context.group(1)) == c.context.text
            start = c.context.start
            assert c.context.text == original[start : start + len(c.context.text)]
            checked += 1
    assert checked >= 2


def test_hostile_article_text_renders_as_text() -> None:
    cited = _citation(1, title=HOSTILE, publisher=HOSTILE, quote=HOSTILE, context=HOSTILE,
                      start=100, end=100 + len(HOSTILE))  # fmt: skip
    note = ConflictNote(
        kind="contradiction",
        topic=HOSTILE,
        slot=HOSTILE,
        claims=(Claim(1, HOSTILE, HOSTILE), Claim(1, "", None)),
        note=HOSTILE,
    )
    answered = Answer(HOSTILE, False, (AnswerSentence(HOSTILE, (1,)),), (cited,), (note,))
    nearest = NearestPassage(Source("d", HOSTILE, HOSTILE, None), 0, 5, HOSTILE, 0.3)
    abstained = Answer(HOSTILE, True, (), (), nearest=(nearest,), message=HOSTILE)
    docs = [DocInfo("doc-1", HOSTILE, None, "2025-05-12", "/nowhere/doc-1.txt", "0" * 16)]
    outputs = [
        render.render_answer(answered, 1),
        render.render_sources(answered, 1),
        render.render_answer(abstained, 2),
        render.render_question(HOSTILE),
        render.render_error(HOSTILE),
        render.render_articles(docs),
        render.render_status(HOSTILE, ok=True),
    ]
    for out in outputs:
        assert "<script" not in out and "<img" not in out and "onerror=alert" in out
        assert "${" not in out and "{{" not in out and "$$" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_conflict_callout_shows_each_side_with_source_and_date() -> None:
    first = _citation(1, title="Kyiv Independent piece", published="2025-04-22", quote="No.")
    second = _citation(2, title="Gazette piece", publisher=None, published=None, quote="Yes.")
    note = ConflictNote(
        kind="contradiction",
        topic="whether conditions are set",
        slot="conditions",
        claims=(Claim(1, "no conditions"), Claim(2, "sets a condition")),
        note="Sources disagree on whether conditions are set.",
    )
    answer = Answer("q", False, (AnswerSentence("No.", (1, 2)),), (first, second), (note,))
    chat = render.render_answer(answer, turn=1)
    callout = re.search(r'<aside class="nr-conflict[^"]*" role="note">(.*?)</aside>', chat)
    assert callout is not None
    claims = re.findall(r'<li class="nr-claim">(.*?)</li>', callout.group(1))
    assert [_text(c) for c in claims] == [
        "no conditionsNo.[1] Kyiv Independent piece — The Paper, 22 Apr 2025",
        "sets a conditionYes.[2] Gazette piece — publisher not stated, date not stated",
    ]
    assert "Sources disagree on whether conditions are set." in _text(callout.group(1))


def test_not_found_says_so_and_labels_the_nearest_passages(pipeline: Pipeline) -> None:
    answer = pipeline.ask(OUT_OF_CORPUS)
    assert answer.abstained and answer.nearest
    chat = render.render_answer(answer, turn=1)
    shown = _text(chat)
    assert shown.startswith("Not in the articles.")
    assert answer.message and answer.message in shown
    assert "Nearest passages — not an answer" in shown
    for passage in answer.nearest:
        assert passage.quote in shown
    assert shown.count(answer.nearest[0].label) == len(answer.nearest)
    assert "nr-cite" not in chat
    assert "No sources" in _text(render.render_sources(answer, turn=1))


def test_articles_list_title_publisher_date_id(store: st.Store) -> None:
    listed = _text(render.render_articles(store.docs.values()))
    for doc in store.docs.values():
        assert doc.title in listed and doc.doc_id in listed
    assert "Euromaidan Press" in listed and "22 Apr 2025" in listed


# --- The event handlers ------------------------------------------------------------------


def test_questions_follow_ups_and_refusals_in_the_chat(pipeline: Pipeline) -> None:
    handlers = Handlers(pipeline)
    box, history, sections, panel = handlers.ask("   ", [], [])
    assert [m["role"] for m in history] == ["assistant"]
    assert "the question is empty" in history[0]["content"] and sections == []
    box, history, sections, panel = handlers.ask(PUTIN_GIFT, history, sections)
    assert box == "" and len(sections) == 1 and 'id="nr-src-1-1"' in panel
    assert history[-1]["content"] == render.render_answer(pipeline.ask(PUTIN_GIFT), 1)
    too_long = "Why? " * 1000
    box, history, sections, panel = handlers.ask(too_long, history, sections)
    assert box == too_long, "a refused question stays in the box to be shortened"
    assert "the limit is" in history[-1]["content"] and "Traceback" not in history[-1]["content"]
    box, history, sections, panel = handlers.ask(OUT_OF_CORPUS, history, sections)
    assert len(sections) == 2 and panel.endswith(sections[1] + "</div>")
    assert [m["role"] for m in history].count("user") == 3


# --- Uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.txt", "..\\..\\win.ini.md", "/abs/path/a.txt", ".hidden.txt", "....txt",
     "Ölpreise & Krieg.MD", "a b/c d.txt", "x" * 300 + ".txt"],
)  # fmt: skip
def test_safe_filename_stays_in_the_folder(name: str, tmp_path: Path) -> None:
    safe = safe_filename(name, "some text")
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{16}\.(txt|md)", safe)
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()
    assert len(safe) < 100


@pytest.fixture()
def upload_settings(tmp_path: Path) -> Settings:
    return Settings.from_env(
        {}, store=tmp_path / "store", uploads=tmp_path / "uploads", upload_max_bytes=2000
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.pdf", b"%PDF-1.4 words", "not a .txt or .md file"),
        ("page.html", b"<p>words</p>", "not a .txt or .md file"),
        ("big.txt", b"word " * 500, "the limit is 2,000"),
        ("empty.md", b"  \n", "is empty"),
        ("nul.txt", b"text\x00more", "binary"),
        ("latin1.txt", "Zürich".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(
    name: str, content: bytes, reason: str, upload_settings: Settings, tmp_path: Path
) -> None:
    upload = tmp_path / "incoming" / name
    upload.parent.mkdir()
    upload.write_bytes(content)
    with pytest.raises(UploadError, match=re.escape(reason)):
        validate_upload(upload, name, upload_settings)
    with pytest.raises(UploadError):
        add_article(upload, name, upload_settings)
    assert not upload_settings.uploads.exists() or not any(upload_settings.uploads.iterdir())
    assert not upload_settings.store.exists()


@pytest.mark.slow
def test_upload_is_searchable_at_once_and_bad_ones_change_nothing(
    upload_settings: Settings, tmp_path: Path
) -> None:
    handlers = Handlers(Pipeline(upload_settings))
    articles, _ = handlers.articles()
    assert "No articles yet" in articles
    _, history, _, _ = handlers.ask("Who runs the ferry?", [], [])
    assert "rag ingest" in history[-1]["content"], "an empty store says what to do"

    good = tmp_path / "incoming" / "Lindenport ferry.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    status, articles, _ = handlers.upload(str(good))
    assert "Added “Lindenport ferry vote”" in _text(status), status
    assert "Lindenport ferry vote" in _text(articles) and "uploaded" in articles
    saved = list(upload_settings.uploads.iterdir())
    assert [p.name for p in saved] == [safe_filename("Lindenport ferry.txt", ARTICLE)]
    assert saved[0].read_text(encoding="utf-8") == ARTICLE

    answer = handlers.pipeline.ask("How many passengers will the night ferry carry?")
    assert not answer.abstained and answer.citations[0].source.doc_id == saved[0].stem
    assert "80 passengers" in answer.answer

    generation = st.current_generation(upload_settings.store)
    binary = tmp_path / "incoming" / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00binary")
    status, _, _ = handlers.upload(str(binary))
    assert "Not added" in status and "The store is unchanged" in status
    again, _, _ = handlers.upload(str(good))
    assert "Already in the store" in _text(again)
    assert st.current_generation(upload_settings.store) == generation
    assert list(upload_settings.uploads.iterdir()) == saved


def test_failed_ingest_removes_the_saved_file(upload_settings: Settings, tmp_path: Path) -> None:
    upload = tmp_path / "story.md"
    upload.write_text(ARTICLE, encoding="utf-8")
    with st.write_lock(upload_settings.store):  # another ingest is writing
        with pytest.raises(StoreError, match="another ingest"):
            add_article(upload, "story.md", upload_settings)
    assert list(upload_settings.uploads.iterdir()) == []


# --- `rag ui` ----------------------------------------------------------------------------


def test_ui_defaults_to_loopback_7860_and_reads_flags() -> None:
    parser = build_parser()
    settings = settings_from(parser.parse_args(["ui"]))
    assert (settings.host, settings.port) == ("127.0.0.1", 7860)
    settings = settings_from(parser.parse_args(["ui", "--host", "0.0.0.0", "--port", "8080"]))
    assert (settings.host, settings.port) == ("0.0.0.0", 8080)


def test_auth_and_exposure_checks(caplog: pytest.LogCaptureFixture) -> None:
    assert parse_auth(None) is None and parse_auth("ana:pa:ss") == ("ana", "pa:ss")
    for bad in ("ana", ":pw", "ana:"):
        with pytest.raises(ConfigError, match="user:password"):
            parse_auth(bad)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    with caplog.at_level(logging.WARNING, logger="ui.app"):
        warn_if_exposed("127.0.0.1", 7860, None)
        assert not caplog.records
        warn_if_exposed("0.0.0.0", 7860, None)
    assert "anyone who can reach this machine" in caplog.text and "RAG_AUTH" in caplog.text


def test_port_in_use_is_a_clear_error(settings: Settings) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            start(settings, port=port)


@pytest.mark.slow
def test_rag_ui_serves_and_keeps_uploads_in_the_data_folder(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """`rag ui` on an empty store: prints its URL, takes an upload, answers from it."""
    from gradio_client import handle_file

    port = _free_port()
    uploads = tmp_path / "uploads"
    env = cli_env | {
        "RAG_STORE": str(tmp_path / "store"),
        "RAG_UPLOADS": str(uploads),
        "RAG_PORT": str(port),
    }
    env.pop("GRADIO_TEMP_DIR", None)
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*RAG, "ui"], env=env, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 180)
        line = process.stdout.readline() if ready else "(nothing within 180 s)"
        url = f"http://127.0.0.1:{port}/"
        assert line.startswith(f"newsrag chat: {url}"), (line, log.read_text())
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and b"newsrag" in response.read()

        article = tmp_path / "ferry.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        client = _client(url)
        status = client.predict(handle_file(str(article)), api_name="/add_article")[0]  # type: ignore[attr-defined]
        assert "Added “Lindenport ferry vote”" in _text(status), status
        question = "How many passengers will the night ferry carry?"
        _, history, _ = client.predict(question, [], api_name="/ask")  # type: ignore[attr-defined]
        assert "80 passengers" in _text(_message_text(history[-1]))
        written = sorted(
            p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()
        )
        assert set(written) == {"ferry.txt", "stderr.txt", "store", "uploads"}
        assert (uploads / safe_filename("ferry.txt", ARTICLE)).read_text() == ARTICLE
        assert any((uploads / ".incoming").rglob("ferry.txt")), "Gradio's copy stays inside"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- The Gradio API ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_url(settings: Settings, pipeline: Pipeline) -> Iterator[str]:
    running = start(settings, pipeline, port=0)
    yield running.url
    running.close()


def _client(url: str, **kwargs: object) -> object:
    from gradio_client import Client

    return Client(url, verbose=False, **kwargs)  # type: ignore[arg-type]


def _message_text(message: dict[str, object]) -> str:
    content = message["content"]
    if isinstance(content, list):
        return "".join(part["text"] for part in content if part.get("type") == "text")
    return str(content)


@pytest.mark.slow
def test_eight_simultaneous_questions_get_their_own_answers(
    app_url: str, pipeline: Pipeline
) -> None:
    gold = [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    questions = gold[::15][:8]
    assert len(set(questions)) == 8
    expected = {q: pipeline.ask(q) for q in questions}
    results: dict[str, tuple[str, list[dict[str, object]], str]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(questions))

    def ask(question: str) -> None:
        try:
            client = _client(app_url)
            barrier.wait(timeout=60)
            results[question] = client.predict(question, [], api_name="/ask")  # type: ignore[attr-defined]
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    print(f"8 simultaneous questions answered in {time.perf_counter() - started:.1f} s")
    assert not errors, errors
    for question, answer in expected.items():
        box, history, panel = results[question]
        assert box == ""
        assert [m["role"] for m in history] == ["user", "assistant"]
        assert _message_text(history[1]) == render.render_answer(answer, 1)
        assert panel == render.render_panel([render.render_sources(answer, 1)])


def test_api_shows_refusals_as_messages(app_url: str) -> None:
    client = _client(app_url)
    box, history, panel = client.predict("", [], api_name="/ask")  # type: ignore[attr-defined]
    assert _message_text(history[-1]).startswith('<div class="nr-error" role="alert">')
    assert "Sources appear here" in panel


def test_login_required_when_auth_is_set(settings: Settings, pipeline: Pipeline) -> None:
    from gradio_client.exceptions import AuthenticationError

    running = start(settings.replace(auth="ana:s3cret"), pipeline, port=0)
    try:
        with pytest.raises(urllib.error.HTTPError, match="401"):
            urllib.request.urlopen(running.url + "config", timeout=10)
        with pytest.raises(AuthenticationError):
            _client(running.url)
        client = _client(running.url, auth=("ana", "s3cret"))
        _, history, _ = client.predict(PUTIN_GIFT, [], api_name="/ask")  # type: ignore[attr-defined]
        assert "soccer ball" in _message_text(history[-1])
    finally:
        running.close()


def test_uploads_land_in_the_uploads_folder_as_ordinary_articles(
    upload_settings: Settings, tmp_path: Path
) -> None:
    upload = tmp_path / "a.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    result = add_article(upload, "../../../outside/a.txt", upload_settings)
    assert result.path.parent == upload_settings.uploads.resolve()
    assert sorted(p.name for p in tmp_path.rglob("a-*.txt")) == [result.path.name]
    report = ingest([upload_settings.uploads], upload_settings)  # what `rag ingest` would see
    assert report.unchanged == [result.doc.doc_id] and not report.changed
