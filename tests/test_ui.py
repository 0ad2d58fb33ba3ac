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
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import gradio as gr
import pytest

from ingest.pipeline import ingest
from rag import store as st
from rag.api import Pipeline
from rag.cli import build_parser, settings_from
from rag.config import PROJECT_ROOT, Settings
from rag.errors import ConfigError, StoreError
from rag.schema import (
    REASONS,
    Answer,
    AnswerSentence,
    Citation,
    Claim,
    ConflictNote,
    Context,
    NearestPassage,
    Source,
)
from rag.suggest import follow_ups
from rag.types import DocInfo
from tests.http_server import serving
from ui import render
from ui.app import (
    INTRO,
    Handlers,
    exchanges_of,
    history_of,
    is_loopback,
    parse_auth,
    start,
    warn_if_exposed,
)
from ui.render import Exchange, FileStatus
from ui.security import SECURITY_HEADERS
from ui.uploads import UploadError, add_article, add_url, safe_filename, validate_upload

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
        re.findall(r'<article class="nr-source" id="([^"]+)"[^>]*>(.*?)</article>', sources_html)
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
    sources = render.render_sources(answer, turn=3)
    cards = _cards(sources)
    targets = set(re.findall(r'<a class="nr-cite" href="#([^"]+)"', chat))
    assert targets == set(cards) == {f"nr-src-3-{c.n}" for c in answer.citations}
    assert "Euromaidan Press" in _text(sources) and "Euromaidan Press" not in _text(chat)
    for sentence in answer.sentences:
        assert render.text_html(sentence.text) in chat


def test_source_cards_highlight_the_verbatim_article_text(
    pipeline: Pipeline, article_texts: dict[str, str]
) -> None:
    questions = [PUTIN_GIFT, "Does Russia have preconditions for talks?"]
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
            context = re.search(
                r'<blockquote class="nr-context"[^>]*>(.*?)</blockquote>', card, re.S
            )
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
        render.render_chat([Exchange(1, answered), Exchange(2, abstained)], INTRO),
        render.render_sources(answered, 1),
        render.render_articles(docs),
        render.render_upload_status([FileStatus(HOSTILE, "refused", HOSTILE)], 1),
        render.render_hint(2000, HOSTILE),
        render.render_article(docs[0], HOSTILE, 0, 5),
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
    callout = re.search(r'<aside class="nr-conflict[^"]*" role="note"[^>]*>(.*?)</aside>', chat)
    assert callout is not None
    claims = re.findall(r'<li class="nr-claim">(.*?)</li>', callout.group(1))
    assert [_text(c) for c in claims] == [
        "[1] no conditions Kyiv Independent piece — The Paper, 22 Apr 2025",
        "[2] sets a condition Gazette piece — publisher not stated, date not stated",
    ], "each side cited by number, its quote left to the answer and the panel"
    assert "Sources disagree on whether conditions are set." in _text(callout.group(1))


def test_every_reason_to_abstain_has_words_for_readers() -> None:
    assert set(render.NOT_FOUND_REASONS) == set(REASONS)


def test_not_found_says_so_and_labels_the_nearest_passages(pipeline: Pipeline) -> None:
    answer = pipeline.ask(OUT_OF_CORPUS)
    assert answer.abstained and answer.nearest
    chat = render.render_not_found(answer)
    shown = _text(chat)
    assert answer.reason is not None
    assert shown.startswith(f"Not in the articles. {render.NOT_FOUND_REASONS[answer.reason]}")
    assert not re.search(r"\d\.\d\d", shown.split("Nearest")[0]), "no scores"
    assert "Nearest passages — not an answer" in shown
    for passage in answer.nearest:
        assert passage.quote in shown
    assert shown.count(answer.nearest[0].label) == len(answer.nearest)
    assert "nr-cite" not in chat
    assert "No sources" in _text(render.render_sources(answer, turn=1))


def test_copied_markdown_keeps_the_quotes_and_their_sources(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Who violated the Easter truce?")
    markdown = render.answer_markdown(answer)
    assert markdown.startswith("**Q:** Who violated the Easter truce?")
    for sentence in answer.sentences:
        assert f"{sentence.text} {''.join(f'[{n}]' for n in sentence.citations)}" in markdown
    for c in answer.citations:
        assert f"[{c.n}] {c.source.title}" in markdown and f"“{c.quote}”" in markdown
    shown = _text(render.render_exchange(Exchange(1, answer)))
    assert "Copy answer with sources" in shown


def test_articles_list_title_publisher_date_id(store: st.Store) -> None:
    listed = _text(render.render_articles(store.docs.values()))
    for doc in store.docs.values():
        assert doc.title in listed and doc.doc_id in listed
    assert "Euromaidan Press" in listed and "22 Apr 2025" in listed


# --- The event handlers ------------------------------------------------------------------


def test_questions_follow_ups_and_refusals(pipeline: Pipeline) -> None:
    handlers = Handlers(pipeline)
    limit = pipeline.settings.max_question_chars
    box, history, chat, panel, hint = handlers.ask("   ", [], None)
    assert "Type a question first." in hint
    assert history == chat == panel == gr.skip(), "a refusal changes nothing in the chat"
    box, history, chat, panel, hint = handlers.ask(PUTIN_GIFT, [], None)
    answer = pipeline.ask(PUTIN_GIFT)
    assert box == gr.skip(), "the page empties the box as it sends; the answer leaves it alone"
    assert chat == render.render_chat([Exchange(1, answer)], INTRO)
    assert 'id="nr-src-1-1"' in panel and history == history_of([Exchange(1, answer)])
    too_long = "Why? " * 1000
    box, _, _, _, hint = handlers.ask(too_long, history, None)
    assert box == too_long, "a refused question stays in the box to be shortened"
    box, _, _, _, label_hint = handlers.ask_label(too_long, history, None)
    assert box == gr.skip(), "an example's refusal keeps what the reader has in the box"
    assert _text(label_hint) == _text(hint)
    assert f"Your question is 4,999 characters long; questions can be up to {limit:,}" in hint
    assert "RAG_" not in hint
    _, history, chat, panel, _ = handlers.ask(OUT_OF_CORPUS, history, None)
    assert [e.turn for e in exchanges_of(history)] == [1, 2]
    assert chat.count('class="nr-exchange"') == 2 and 'id="nr-turn-2"' in panel


@pytest.mark.parametrize(
    "question", ["Who is Putin\ud800?", "\udcff\udcfe", "\x00\x01\x02", "Putin \x00 gift\ufffe?"]
)
def test_odd_characters_get_words_not_an_error(pipeline: Pipeline, question: str) -> None:
    """Issue 18: what a browser sends for text it could not encode is read or refused in words."""
    box, _, chat, _, hint = Handlers(pipeline).ask(question, [], None)
    shown = _text(hint)
    assert "Something went wrong" not in shown and "Traceback" not in shown
    assert shown or "nr-exchange" in chat


def test_conversation_from_the_browser_is_checked(pipeline: Pipeline) -> None:
    answer = pipeline.ask(PUTIN_GIFT)
    kept = history_of([Exchange(4, answer)])
    junk = [{"turn": "x"}, "text", {"turn": 2, "answer": {"schema_version": 1}}, None]
    assert exchanges_of([*junk, *kept]) == [Exchange(4, answer)]
    assert exchanges_of(None) == []


def test_follow_up_questions_are_answered_by_the_articles(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Does Russia have preconditions for talks?")
    suggested = follow_ups(pipeline, answer, [answer.question])
    assert suggested, "the cited passages' neighbours name people the articles describe"
    cited = {(c.source.doc_id, c.start) for c in answer.citations}
    for question in suggested:
        reply = pipeline.ask(question)
        assert not reply.abstained, question
        assert any((c.source.doc_id, c.start) not in cited for c in reply.citations)
    assert answer.question not in suggested


# --- Uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.txt", "..\\..\\win.ini.md", "/abs/path/a.txt", ".hidden.txt", "....txt",
     "Ölpreise & Krieg.MD", "a b/c d.txt", "x" * 300 + ".txt"],
)  # fmt: skip
def test_safe_filename_stays_in_the_folder(name: str, tmp_path: Path) -> None:
    safe = safe_filename(name, b"some text")
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
        ("notes.doc", b"\xd0\xcf words", "articles can be"),
        ("big.txt", b"word " * 500, "is 2.5 kB; an article can be at most 2 kB"),
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


PAGE = b"""<html><head><title>Ferry strike ends</title>
<meta property="og:site_name" content="Harbour Times">
<meta name="date" content="2025-06-03"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry strike ends</h1>
<p>The three-week ferry strike ended on Monday after crews accepted a new pay offer.</p>
<p>Services between Lindenport and the islands resume on Wednesday, the operator said.</p>
</article><footer>Copyright Harbour Times</footer></body></html>"""


@pytest.mark.slow
def test_a_saved_web_page_and_a_web_address_are_added_as_articles(
    upload_settings: Settings, tmp_path: Path
) -> None:
    settings = upload_settings.replace(upload_max_bytes=100_000)
    page = tmp_path / "incoming" / "ferry.html"
    page.parent.mkdir()
    page.write_bytes(PAGE)
    result = add_article(page, "ferry.html", settings)
    assert result.doc.reader == "html" and result.doc.publisher == "Harbour Times"
    with serving({"/islands.html": (200, "text/html", PAGE.replace(b"three", b"four"))}) as base:
        report = add_url(f"{base}/islands.html", settings)
        assert report.added
        with pytest.raises(UploadError, match="404 Not Found: check the address"):
            add_url(f"{base}/missing.html", settings)
    answer = Pipeline(settings).ask("When do ferry services resume?")
    assert not answer.abstained and "Wednesday" in answer.answer
    urls = {c.source.url for c in answer.citations}
    assert any(u and u.startswith("http://127.0.0.1") for u in urls) or result.doc.doc_id in {
        c.source.doc_id for c in answer.citations
    }


def _into_upload_cache(path: Path) -> str:
    """What the page's drop zone sends after uploading ``path`` into Gradio's cache."""
    folder = Path(tempfile.mkdtemp(dir=_upload_cache()))
    cached = folder / path.name
    cached.write_bytes(path.read_bytes())
    return json.dumps([{"path": str(cached), "name": path.name, "size": cached.stat().st_size}])


def _upload_cache() -> Path:
    import gradio as gr

    cache = Path(gr.utils.get_upload_folder())
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _last(outputs: Iterator[tuple[object, ...]]) -> tuple[object, ...]:
    *_, last = outputs
    return last


@pytest.mark.slow
def test_upload_is_searchable_at_once_and_bad_ones_change_nothing(
    upload_settings: Settings, tmp_path: Path
) -> None:
    handlers = Handlers(Pipeline(upload_settings))
    articles, _ = handlers.articles()
    assert "No articles yet" in articles
    _, _, _, _, hint = handlers.ask("Who runs the ferry?", [], None)
    assert "There are no articles to search yet" in _text(hint), "an empty store says what to do"

    good = tmp_path / "incoming" / "Lindenport ferry.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    sent = _into_upload_cache(good)
    progress = [_text(str(out[0])) for out in handlers.add_files(sent)]
    assert "Lindenport ferry.txt checking" in progress[0]
    status, (articles, _) = progress[-1], handlers.articles()
    assert "added as “Lindenport ferry vote”" in status, status
    assert "Lindenport ferry vote" in _text(str(articles)) and "uploaded" in str(articles)
    saved = list(upload_settings.uploads.iterdir())
    assert [p.name for p in saved] == [safe_filename("Lindenport ferry.txt", ARTICLE.encode())]
    assert saved[0].read_text(encoding="utf-8") == ARTICLE
    assert not Path(json.loads(sent)[0]["path"]).exists(), "Gradio's copy is gone once added"

    answer = handlers.pipeline.ask("How many passengers will the night ferry carry?")
    assert not answer.abstained and answer.citations[0].source.doc_id == saved[0].stem
    assert "80 passengers" in answer.answer

    generation = st.current_generation(upload_settings.store)
    binary = tmp_path / "incoming" / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00binary")
    sent_binary = _into_upload_cache(binary)
    status = _text(str(_last(handlers.add_files(sent_binary))[0]))
    assert "photo.txt not added" in status and "The store is unchanged" in status
    assert not Path(json.loads(sent_binary)[0]["path"]).exists(), "a refused file is not kept"
    again = _text(str(_last(handlers.add_files(_into_upload_cache(good)))[0]))
    assert "already in the store" in again
    too_big = json.dumps([{"path": None, "name": "long.txt", "size": 1_250_000}])
    refused = _text(str(_last(handlers.add_files(too_big))[0]))
    assert "“long.txt” is 1.2 MB; an article can be at most 2 kB" in refused
    assert st.current_generation(upload_settings.store) == generation
    assert list(upload_settings.uploads.iterdir()) == saved


def test_web_address_box_is_emptied_once_so_a_new_address_survives(
    upload_settings: Settings,
) -> None:
    outputs = list(Handlers(Pipeline(upload_settings)).add_address("not an address"))
    assert len(outputs) >= 2, "a status while checking, then the outcome"
    assert outputs[0][0] == "", "the address is taken out of the box at once"
    assert all(out[0] == gr.skip() for out in outputs[1:]), "later updates leave the box alone"
    assert "is not a web address" in _text(str(outputs[-1][1]))


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
    import httpx

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
        # What the page's drop zone does: upload into Gradio's cache, then name the file.
        with article.open("rb") as f:
            cached = httpx.post(f"{url}gradio_api/upload", files={"files": f}).json()[0]
        assert Path(cached).is_relative_to(uploads / ".incoming"), "Gradio's copy stays inside"
        sent = json.dumps([{"path": cached, "name": "ferry.txt", "size": len(ARTICLE)}])
        client = _client(url)
        status = client.predict(sent, api_name="/add_articles")[0]  # type: ignore[attr-defined]
        assert "added as “Lindenport ferry vote”" in _text(status), status
        question = "How many passengers will the night ferry carry?"
        chat = client.predict(question, [], [], api_name="/ask")[2]  # type: ignore[attr-defined]
        assert "80 passengers" in _text(chat)
        written = sorted(
            p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()
        )
        assert set(written) == {"ferry.txt", "stderr.txt", "store", "uploads"}
        assert (uploads / safe_filename("ferry.txt", ARTICLE.encode())).read_text() == ARTICLE
        assert not any((uploads / ".incoming").rglob("ferry.txt")), "Gradio's copy is gone"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_rag_ui_stops_on_ctrl_c_or_sigterm_also_started_in_the_background(
    cli_env: dict[str, str], tmp_path: Path, stop: signal.Signals
) -> None:
    # A shell starts background jobs with SIGINT ignored; a service manager stops with SIGTERM.
    env = cli_env | {"RAG_STORE": str(tmp_path / "store"), "RAG_PORT": str(_free_port())}
    process = subprocess.Popen(
        [*RAG, "ui"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 180)
        assert ready and process.stdout.readline().startswith("newsrag chat: ")
        process.send_signal(stop)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()


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


@pytest.mark.slow
def test_sixteen_simultaneous_clients_get_their_own_answers(
    app_url: str, pipeline: Pipeline
) -> None:
    gold = [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines()]
    questions = gold[::7][:16]
    assert len(set(questions)) == 16
    expected = {q: pipeline.ask(q) for q in questions}
    results: dict[str, tuple[object, ...]] = {}
    seconds: dict[str, float] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(questions))

    def ask(question: str) -> None:
        try:
            client = _client(app_url)
            barrier.wait(timeout=120)
            started = time.perf_counter()
            results[question] = client.predict(question, [], [], api_name="/ask")  # type: ignore[attr-defined]
            seconds[question] = time.perf_counter() - started
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    total = time.perf_counter() - started
    assert not errors, errors
    print(f"\n16 simultaneous clients, all answered in {total:.1f} s:")
    for question in questions:
        print(f"  {seconds[question]:6.2f} s  {question}")
    for question, answer in expected.items():
        box, history, chat, panel, hint = results[question]
        assert box == gr.skip() and "nr-hint" in str(hint)  # the box is the page's to empty
        exchange = [Exchange(1, answer)]
        assert chat == render.render_chat(exchange, INTRO), question
        assert panel == Handlers.panel(exchange)
        assert history == json.loads(json.dumps(history_of(exchange)))


def test_api_refuses_an_empty_question_in_words(app_url: str) -> None:
    client = _client(app_url)
    hint = client.predict("", [], [], api_name="/ask")[4]  # type: ignore[attr-defined]
    assert "Type a question first." in _text(hint)


def test_security_headers_on_every_response(app_url: str) -> None:
    """Issue 18: the real server sends a CSP, X-Frame-Options and nosniff."""
    for path in ("", "config", "gradio_api/info", "no-such-page"):
        try:
            response = urllib.request.urlopen(app_url + path, timeout=10)
        except urllib.error.HTTPError as error:  # a 404 must carry them too
            response = error
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    assert "frame-ancestors 'none'" in SECURITY_HEADERS["content-security-policy"]
    assert SECURITY_HEADERS["x-frame-options"] == "DENY"


def test_login_required_when_auth_is_set_and_wrong_passwords_are_throttled(
    settings: Settings, pipeline: Pipeline
) -> None:
    from gradio_client.exceptions import AuthenticationError

    running = start(settings.replace(auth="ana:s3cret"), pipeline, port=0)
    try:
        with pytest.raises(urllib.error.HTTPError, match="401"):
            urllib.request.urlopen(running.url + "config", timeout=10)
        with pytest.raises(AuthenticationError):
            _client(running.url)
        client = _client(running.url, auth=("ana", "s3cret"))
        chat = client.predict(PUTIN_GIFT, [], [], api_name="/ask")[2]  # type: ignore[attr-defined]
        assert "soccer ball" in _text(chat)

        statuses = [_login(running.url, "wrong")[0] for _ in range(5)]
        assert statuses == [400] * 5
        status, headers, body = _login(running.url, "wrong")
        assert status == 429 and int(headers["retry-after"]) > 0
        assert "Too many wrong passwords from your address: wait" in body["detail"]
        assert _login(running.url, "s3cret")[0] == 429, "the right password waits as well"
        assert _login(running.url, "s3cret", source="127.0.0.2")[0] == 200, "per client"
    finally:
        running.close()


def _login(url: str, password: str, source: str = "127.0.0.1") -> tuple[int, dict[str, str], dict]:
    """POST the login form from ``source`` (another loopback address is another client)."""
    import http.client
    from urllib.parse import urlencode, urlsplit

    where = urlsplit(url)
    connection = http.client.HTTPConnection(
        where.hostname or "", where.port, timeout=10, source_address=(source, 0)
    )
    form = urlencode({"username": "ana", "password": password})
    connection.request(
        "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    response = connection.getresponse()
    body = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


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
