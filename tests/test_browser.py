"""The chat UI in a real browser: Debian's chromium driven by playwright, at 1280×800 and at
390×844 as a touch phone (see tests/chat_page.py).

Each test names the item of issue 16's "What was seen" it covers. The app runs in-process
on a free loopback port against the session store, and on a store of its own for uploads.
Every tab fails its test on a console error or warning, a failed request, a dialog, or a
request that leaves the app. Screenshots go to ``test-output/screenshots/`` (the README's
come from there). Without chromium these tests skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.api import Pipeline
from rag.config import Settings
from rag.store import Store
from tests.chat_page import CHROMIUM, CHROMIUM_ARGS, REPLIES, Tab, unavailable
from ui import render
from ui.app import LOGIN_MESSAGE, Running, start

pytestmark = [
    pytest.mark.browser,
    # Gradio's in-process queue summarises its events with deprecated pandas options.
    pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"),
]

PUTIN_GIFT = "What did Putin give Trump in 2018?"
PRECONDITIONS = "Does Russia have preconditions for talks?"
# Answered by two long sentences: with a second answer below, the chat scrolls on a laptop.
RESPONSE = "How has Ukraine responded to Putin's offer of talks?"
EASTER = "Who violated the Easter truce?"
OUT_OF_CORPUS = "What did the German chancellor say about the talks?"
HEBREW = "מה פוטין נתן לטראמפ?"
SIZES = ["laptop", "phone"]
HOSTILE_ARTICLE = """Harbour council <script>alert(1)</script> backs a night ferry

The Lindenport harbour council voted on Tuesday to run a night ferry across the bay.
The minutes printed the plan as <img src=x onerror=alert(1)> and ${fare} {{fare}} `$$x$$`.
The ferry will carry up to 80 passengers and start in June, the harbour master said.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app(browser: Any, settings: Settings, pipeline: Pipeline) -> Iterator[Running]:
    running = start(settings, pipeline, port=0)
    yield running
    running.close()


@pytest.fixture(params=SIZES)
def tab(request: pytest.FixtureRequest, browser: Any, app: Running) -> Iterator[Tab]:
    opened = Tab(browser, app.url, request.param)
    yield opened
    opened.close()


@pytest.fixture()
def laptop(browser: Any, app: Running) -> Iterator[Tab]:
    opened = Tab(browser, app.url, "laptop")
    yield opened
    opened.close()


@pytest.fixture()
def phone(browser: Any, app: Running) -> Iterator[Tab]:
    opened = Tab(browser, app.url, "phone")
    yield opened
    opened.close()


# --- 1, 2: a new answer opens at its start, in view; the panel follows the chat ------------


def test_new_answer_opens_at_its_start_and_the_panel_follows(tab: Tab) -> None:
    """Seen 1 (a new answer off-screen, panel and chat disagree) and 2 (a long answer
    opens scrolled to its end)."""
    from playwright.sync_api import expect

    first = tab.ask(RESPONSE)
    assert tab.within_chat(first.locator(".nr-question")), "the long answer opens at its start"
    tab.screenshot("answer")
    tab.ask(PUTIN_GIFT)
    tab.page.locator("#nr-log").evaluate("log => { log.scrollTop = 0; }")
    tab.page.wait_for_timeout(200)
    assert tab.shown_turn() == "1", "scrolled back to the first answer, the panel shows its sources"
    third = tab.ask(EASTER)
    assert tab.within_chat(third), "the new question's top is inside the chat after submit"
    assert tab.within_chat(third.locator(".nr-question"))
    expect(third.locator(".nr-sentence").first).to_be_in_viewport()
    assert tab.shown_turn() == "3", "the panel shows the sources of the answer in view"


# --- 3, 4: upload progress and status in view, one limit, a status per attempt -----------


@pytest.fixture(scope="module")
def fresh_app(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """The app on an empty store of its own, so uploads do not touch the session store."""
    folder = tmp_path_factory.mktemp("fresh")
    fresh = Settings.from_env({}, store=folder / "store", uploads=folder / "uploads")
    running = start(fresh, port=0)
    yield running
    running.close()


def _story(title: str, sentences: int) -> str:
    body = " ".join(
        f"On day {i} the Lindenport harbour council counted {i * 7} ferries and {i * 3} boats."
        for i in range(1, sentences + 1)
    )
    return f"{title}\n\n{body}\n"


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_upload_shows_progress_per_file_in_view_and_the_last_attempt(
    size: str, browser: Any, fresh_app: Running, tmp_path: Path
) -> None:
    """Seen 3 (progress and result off-screen) and 4 (stale status, two size formats)."""
    from playwright.sync_api import expect

    tab = Tab(browser, fresh_app.url, size)
    try:
        page = tab.page
        status = page.locator("#nr-upload-status")
        story = tmp_path / f"{size} harbour story.txt"
        story.write_text(_story(f"Harbour counts seen on a {size}", 400), encoding="utf-8")
        other = tmp_path / f"{size} second story.md"
        other.write_text(_story(f"Second harbour story on a {size}", 5), encoding="utf-8")
        page.locator("#nr-upload-input").set_input_files([str(story), str(other)])
        working = status.locator(".nr-file-working")
        expect(working).to_contain_text("indexing", timeout=120_000)
        assert tab.in_window(status), "the upload's progress is inside the viewport"
        expect(status.locator(".nr-file-waiting")).to_contain_text(other.name)
        tab.screenshot("upload-in-progress")
        expect(status.locator(".nr-file-added")).to_have_count(2, timeout=240_000)
        assert tab.in_window(status), "the upload's result is inside the viewport"

        binary = tmp_path / "photo.txt"
        binary.write_bytes(b"\x89PNG\r\n\x00\x00binary")
        page.locator("#nr-upload-input").set_input_files(str(binary))
        expect(status.locator(".nr-file-refused")).to_contain_text("binary")
        expect(status.locator(".nr-file")).to_have_count(1)  # the previous attempt is gone
        assert tab.in_window(status)

        too_big = tmp_path / "long.txt"
        too_big.write_text("word " * 250_000, encoding="utf-8")  # 1.25 MB
        page.locator("#nr-upload-input").set_input_files(str(too_big))
        expect(status.locator(".nr-file-refused")).to_have_text(
            "long.txt not added: “long.txt” is 1.2 MB; an article can be at most 1 MB. "
            "Add a shorter article. The store is unchanged."
        )
        expect(status.locator(".nr-file")).to_have_count(1)
        assert "976" not in page.locator("body").inner_text()
        expect(page.locator(".nr-add-help")).to_contain_text("at most 1 MB each")
    finally:
        tab.close()


# --- 5, 6: Ask is refused in place, busy while pending; limits in words -----------------


def test_empty_question_is_refused_in_place_and_ask_is_busy_while_pending(tab: Tab) -> None:
    """Seen 5: an empty Enter adds nothing to the chat; Ask is disabled while the box is
    empty or a question is pending; a counter appears near the limit."""
    from playwright.sync_api import expect

    page, ask = tab.page, tab.page.locator("#nr-ask")
    expect(ask).to_be_disabled()
    tab.box.press("Enter")
    tab.box.fill("   ")
    tab.box.press("Enter")
    expect(page.locator("#nr-hint .nr-hint")).to_have_text("Type a question first.")
    expect(page.locator(REPLIES)).to_have_count(0)
    tab.box.fill(PUTIN_GIFT)
    expect(page.locator("#nr-hint .nr-hint")).to_have_text("")
    expect(ask).to_be_enabled()
    counter = page.locator("#nr-hint .nr-counter")
    expect(counter).to_have_text("")
    # A reply may come back before a poll sees the pending state: record every state the
    # button passes through, and check the record.
    page.evaluate(
        """() => {
            const button = document.querySelector("#nr-ask");
            window.nrAskStates = [];
            new MutationObserver(() => window.nrAskStates.push(
                [button.getAttribute("aria-busy"), button.disabled]
            )).observe(button, {attributes: true, attributeFilter: ["aria-busy", "disabled"]});
        }"""
    )
    ask.click()
    expect(page.locator(REPLIES)).to_have_count(1)
    states = page.evaluate("() => window.nrAskStates")
    # pending: busy and disabled (no second click, no second request)
    assert ["true", True] in states, states
    expect(ask).to_have_attribute("aria-busy", "false")
    expect(ask).to_be_disabled()  # the box is empty again
    tab.box.fill("w" * 1700)
    expect(counter).to_have_text("1,700 of 2,000 characters")
    expect(page.locator("#nr-question textarea")).to_have_attribute("maxlength", "2000")


def test_over_long_question_is_refused_in_words(tab: Tab) -> None:
    """Seen 6: the limit message names no setting."""
    from playwright.sync_api import expect

    page = tab.page
    # Typing stops at the limit; a pasted or scripted question may still be longer.
    tab.box.evaluate("(box, text) => { box.value = text; }", "Why? " * 2000)
    tab.box.dispatch_event("input")
    tab.box.press("Enter")
    hint = page.locator("#nr-hint .nr-hint")
    expect(hint).to_have_text(
        "Your question is 9,999 characters long; questions can be up to 2,000. "
        "Please ask it more briefly."
    )
    assert "RAG_" not in page.locator("body").inner_text()
    expect(page.locator(REPLIES)).to_have_count(0)
    assert tab.box.input_value().startswith("Why? Why?"), "the question stays to be shortened"


# --- 7, 8: words for readers, scripts, quote marks ------------------------------------------


def test_not_found_in_words_and_right_to_left_questions(tab: Tab, pipeline: Pipeline) -> None:
    """Seen 7: the abstention says why in words (no scores); Hebrew lays out right to left."""
    from playwright.sync_api import expect

    expected = pipeline.ask(OUT_OF_CORPUS)
    assert expected.abstained and expected.reason
    reply = tab.ask(OUT_OF_CORPUS)
    head = reply.locator(".nr-notfound-head")
    expect(head).to_have_text(f"Not in the articles. {render.NOT_FOUND_REASONS[expected.reason]}")
    assert not re.search(r"\d\.\d\d", head.inner_text()), "no scores"
    expect(reply).to_contain_text("Nearest passages — not an answer")
    expect(reply.locator(".nr-nearest li")).to_have_count(len(expected.nearest))
    expect(tab.page.locator(".nr-sources")).to_contain_text("No sources")
    tab.screenshot("not-found")
    hebrew = tab.ask(HEBREW)
    direction = hebrew.locator(".nr-question").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"
    tab.box.fill(HEBREW)
    assert tab.box.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_quotes_show_their_own_marks_once_and_the_callout_cites_by_number(
    tab: Tab, pipeline: Pipeline
) -> None:
    """Seen 8 (doubled quote marks, a callout quote cut mid-quotation) and 11 (each quote
    three times; the sources listed twice)."""
    from playwright.sync_api import expect

    expected = pipeline.ask(EASTER)
    assert expected.conflicts, "the bundled articles disagree on who violated the truce"
    reply = tab.ask(EASTER)
    sentences = reply.locator(".nr-sentence > span[dir]")
    expect(sentences).to_have_text([s.text for s in expected.sentences])
    assert tab.page.locator("#nr-log q").count() == 0, "no <q>: it adds marks of its own"
    callouts = reply.locator("aside.nr-conflict")
    expect(callouts).to_have_count(len(expected.conflicts))
    chat_text = tab.page.locator("#nr-log").inner_text()
    for citation in expected.citations:
        assert chat_text.count(citation.quote) <= 1, "a quote appears once in the chat"
    for i, note in enumerate(expected.conflicts):
        callout = callouts.nth(i)
        expect(callout.locator(".nr-conflict-note")).to_have_text(note.note)
        for j, claim in enumerate(note.claims):
            side = callout.locator("li.nr-claim").nth(j)
            expect(side.locator("a.nr-cite")).to_have_attribute(
                "href", f"#nr-src-1-{claim.citation}"
            )
            expect(side.locator(".nr-says")).to_have_text(claim.says)
            quote = expected.citation(claim.citation).quote
            assert quote not in side.inner_text(), "the callout cites by number"
    expect(reply.locator(".nr-cited")).to_have_count(0)  # the sources are in the panel only
    callouts.first.scroll_into_view_if_needed()
    tab.screenshot("conflict")


# --- 9: contrast, focus, names, axe ----------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_contrast_focus_names_and_axe(tab: Tab, theme: str) -> None:
    """Seen 9: contrast ≥ 4.5:1 measured from the page's styles, in both themes; the question
    box is named; a visible focus ring; focus goes to the source card and back; axe-core
    finds no serious or critical violation."""
    from playwright.sync_api import expect

    page = tab.page
    if theme == "dark":
        page.locator("#nr-theme").click()
        expect(page.locator("body")).to_have_class(re.compile(r"\bdark\b"))
    expect(page.get_by_role("textbox", name="Your question about the articles")).to_be_visible()
    tab.ask(EASTER)
    tab.ask(OUT_OF_CORPUS)
    page.locator("#nr-log").evaluate("log => { log.scrollTop = 0; }")
    assert tab.contrast_failures() == []
    assert tab.axe() == []

    marker = page.locator("#nr-ex-1 a.nr-cite").first
    marker.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as a reader without a mouse
    ring = marker.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )
    assert ring[0] == "solid" and float(ring[1].removesuffix("px")) >= 2
    if tab.size == "laptop":
        page.keyboard.press("Enter")
        card = page.locator("#nr-src-1-1")
        expect(card).to_be_focused()
        expect(card).to_be_in_viewport()
        card.locator(".nr-back").click()
        expect(marker).to_be_focused()
        assert tab.axe() == []


# --- 10: the phone: a preview in place, the article with a way back ------------------------


def test_phone_tap_previews_in_place_and_the_article_has_a_way_back(phone: Tab) -> None:
    """Seen 10: tapping [n] does not jump away; the whole article opens over the page with
    the quote highlighted, and "Back to the answer" returns to the marker."""
    from playwright.sync_api import expect

    page = phone.page
    reply = phone.ask(PUTIN_GIFT)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px screen"
    marker = reply.locator("a.nr-cite").first
    before = page.evaluate("window.scrollY")
    marker.tap()
    preview = page.locator("#nr-preview")
    expect(preview).to_be_visible()
    assert page.evaluate("window.scrollY") == before, "a tap previews in place"
    assert phone.in_window(preview)
    card = page.locator("#nr-src-1-1")
    expect(preview.locator(".nr-preview-quote")).to_have_text(
        card.locator("mark.nr-quote").inner_text()
    )
    expect(preview).to_contain_text("Euromaidan Press")
    phone.screenshot("preview")
    preview.locator(".nr-open").tap()
    reader = page.locator(".nr-reader-dialog")
    expect(reader).to_be_visible()
    expect(reader.locator("#nr-reader-quote")).to_be_in_viewport()
    expect(reader.locator(".nr-reader-close")).to_be_focused()
    phone.screenshot("article")
    reader.locator(".nr-reader-close").tap()
    expect(reader).to_have_count(0)
    expect(marker).to_be_focused()
    expect(marker).to_be_in_viewport()


def test_laptop_hover_previews_and_click_brings_the_source(laptop: Tab, pipeline: Pipeline) -> None:
    """The preview card on a desktop: pointing at a marker shows the quote, title,
    publisher and date; a click brings the card beside the answer, the article reader
    highlights the quote in the whole article."""
    from playwright.sync_api import expect

    expected = pipeline.ask(PUTIN_GIFT)
    cited = expected.citations[0]
    reply = laptop.ask(PUTIN_GIFT)
    marker = reply.locator("a.nr-cite").first
    marker.hover()
    preview = laptop.page.locator("#nr-preview")
    expect(preview.locator(".nr-preview-quote")).to_have_text(cited.quote)
    expect(preview).to_contain_text(cited.source.title)
    expect(preview).to_contain_text(cited.source.publisher or "publisher not stated")
    expect(preview).to_contain_text(render.display_date(cited.source.published))
    laptop.screenshot("preview")
    marker.click()
    card = laptop.page.locator(f"#nr-src-1-{cited.n}")
    expect(card).to_have_class(re.compile(r"\bis-active\b"))
    expect(card.locator("mark.nr-quote")).to_have_text(cited.quote)
    card.locator(".nr-open").click()
    mark = laptop.page.locator("#nr-reader-quote")
    expect(mark).to_have_text(cited.quote)
    expect(mark).to_be_in_viewport()
    laptop.page.keyboard.press("Escape")
    expect(laptop.page.locator(".nr-reader-dialog")).to_have_count(0)
    expect(card.locator(".nr-open")).to_be_focused()


@pytest.mark.parametrize("size", SIZES)
def test_examples_are_above_the_fold(size: str, browser: Any, app: Running) -> None:
    """Seen 10: the empty chat does not push the examples below the fold."""
    from playwright.sync_api import expect

    tab = Tab(browser, app.url, size)
    try:
        examples = tab.page.locator("#nr-examples button")
        expect(examples).to_have_count(5)  # waits for the page to render them
        assert tab.in_window(examples.first), "the first example is on the first screen"
    finally:
        tab.close()


# --- 12: copy, export, history, footer, dates, console ---------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_copy_export_history_footer_and_dates(
    size: str, browser: Any, app: Running, pipeline: Pipeline
) -> None:
    """Seen 12: copy an answer as Markdown, export the conversation, history that survives a
    reload, no "Use via API" footer, one date format, a quiet console (Tab.close)."""
    from playwright.sync_api import expect

    tab = Tab(browser, app.url, size, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = tab.page
        first = tab.ask(PUTIN_GIFT)
        tab.ask(PRECONDITIONS)
        first.locator(".nr-copy").click()
        expect(first.locator(".nr-copy")).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == render.answer_markdown(pipeline.ask(PUTIN_GIFT))
        assert "[1]" in copied and "soccer ball" in copied and "Sources:" in copied
        with page.expect_download() as download:
            page.locator("#nr-export").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert exported.count("**Q:**") == 2 and PRECONDITIONS in exported

        tab.open()  # a reload
        expect(page.locator("#nr-log .nr-question")).to_have_text([PUTIN_GIFT, PRECONDITIONS])
        expect(page.locator("#nr-src-2-1")).to_be_attached()
        shown = page.locator("body").inner_text()
        assert "Use via API" not in shown
        page.locator("#nr-articles summary").click()
        text = page.locator("body").inner_text()
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "dates are written one way"
        assert "22 Apr 2025" in text
        page.locator("#nr-clear").click()
        expect(page.locator(REPLIES)).to_have_count(0)
        tab.open()
        expect(page.locator(REPLIES)).to_have_count(0)
    finally:
        tab.close()


# --- Expected features: follow-ups, choosing articles, the web address -----------------------


def test_follow_up_questions_are_answered(laptop: Tab) -> None:
    from playwright.sync_api import expect

    laptop.ask(PRECONDITIONS)
    suggestions = laptop.page.locator("#nr-suggestions button:visible")
    expect(suggestions.first).to_be_visible(timeout=30_000)
    asked = suggestions.first.inner_text()
    suggestions.first.click()
    expect(laptop.page.locator(REPLIES)).to_have_count(2)
    reply = laptop.page.locator(REPLIES).nth(1)
    expect(reply.locator(".nr-question")).to_have_text(asked)
    expect(reply.locator(".nr-answer")).to_be_visible()


def test_the_box_is_emptied_as_a_question_is_sent_and_a_draft_outlives_an_example(
    laptop: Tab,
) -> None:
    from playwright.sync_api import expect

    page = laptop.page
    held: list[Any] = []  # the question's request, held so the next is typed while it waits
    page.route("**/queue/join*", lambda route: held.append(route))
    laptop.box.fill(PRECONDITIONS)
    laptop.box.press("Enter")
    expect(laptop.box).to_have_value("")  # emptied as the question is sent
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no request for the question: has the URL of Gradio's queue changed?"
    laptop.box.fill("And what did Zelenskyy say?")
    held[0].continue_()
    page.unroute("**/queue/join*")
    expect(page.locator(REPLIES)).to_have_count(1)
    expect(page.locator(REPLIES).first.locator(".nr-question")).to_have_text(PRECONDITIONS)
    page.wait_for_function("() => !document.body.classList.contains('nr-pending')")
    expect(laptop.box).to_have_value("And what did Zelenskyy say?")
    laptop.box.fill("Who said the talks")  # a draft, then an example asked instead
    page.locator("#nr-examples button").first.click()
    expect(page.locator(REPLIES)).to_have_count(2)
    page.wait_for_function("() => !document.body.classList.contains('nr-pending')")
    expect(laptop.box).to_have_value("Who said the talks")


def test_choosing_articles_searches_only_those(laptop: Tab, store: Store) -> None:
    from playwright.sync_api import expect

    doc = next(d for d in store.docs.values() if d.publisher == "Euromaidan Press")
    choose = laptop.page.locator("#nr-choose input")
    choose.fill("Euromaidan")
    laptop.page.get_by_role("option", name=render.article_choice(doc)).click()
    reply = laptop.ask(PRECONDITIONS)
    expect(reply.locator("a.nr-cite").first).to_be_visible()
    for card in laptop.page.locator("#nr-turn-1 .nr-source code").all():
        expect(card).to_have_text(doc.doc_id)


def test_web_address_control(laptop: Tab) -> None:
    from playwright.sync_api import expect

    page = laptop.page
    address = page.get_by_label("Web address of an article")
    address.fill("not an address")
    page.locator("#nr-add-url").click()
    status = page.locator("#nr-upload-status .nr-file-refused")
    expect(status).to_contain_text("is not a web address")
    expect(address).to_have_value("")  # the box is emptied once the address is taken
    address.fill("http://127.0.0.1:9/article.html")  # nothing listens on the discard port
    page.locator("#nr-add-url").click()
    expect(status).to_contain_text("http://127.0.0.1:9/article.html not added")
    expect(status).to_contain_text("nothing answers at 127.0.0.1:9")
    assert "Traceback" not in status.inner_text()


# --- Hostile input stays inert ----------------------------------------------------------------


@pytest.mark.slow
def test_uploaded_hostile_article_is_searchable_and_shows_as_text(
    browser: Any, fresh_app: Running, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    tab = Tab(browser, fresh_app.url, "laptop")
    try:
        page = tab.page
        article = tmp_path / "harbour <news> & co.txt"
        article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
        page.locator("#nr-upload-input").set_input_files(str(article))
        expect(page.locator("#nr-upload-status .nr-file-added")).to_be_visible(timeout=120_000)
        title = "Harbour council <script>alert(1)</script> backs a night ferry"
        page.locator("#nr-articles summary").click()
        expect(page.locator("#nr-articles")).to_contain_text(title)

        reply = tab.ask("What did the minutes print the plan as?")
        expect(reply.locator(".nr-answer")).to_be_visible()
        reply.locator("a.nr-cite").first.click()
        card = page.locator("#nr-src-1-1")
        expect(card.locator(".nr-title")).to_contain_text(title)
        hostile = "<img src=x onerror=alert(1)> and ${fare} {{fare}} `$$x$$`."
        expect(reply.locator(".nr-sentence")).to_contain_text(hostile)
        expect(card.locator("mark.nr-quote")).to_contain_text(hostile)
        card.locator(".nr-open").click()
        expect(page.locator("#nr-reader-quote")).to_contain_text(hostile)
        assert page.locator("img[src=x], #nr-log script, .nr-sources script").count() == 0
        assert not page.evaluate("[...document.scripts].some(s => s.text.includes('alert(1)'))")
    finally:
        tab.close()


def test_refused_upload_leaves_nothing_in_gradios_cache(
    browser: Any, fresh_app: Running, tmp_path: Path
) -> None:
    """Issue 18: a refused file is not kept on the server."""
    import gradio as gr
    from playwright.sync_api import expect

    tab = Tab(browser, fresh_app.url, "laptop")
    try:
        refused = tmp_path / "refused-photo-3f9a.txt"
        refused.write_bytes(b"\x89PNG\r\n\x00\x00binary")
        tab.page.locator("#nr-upload-input").set_input_files(str(refused))
        expect(tab.page.locator("#nr-upload-status .nr-file-refused")).to_contain_text("binary")
        cache = Path(gr.utils.get_upload_folder())
        assert not list(cache.rglob(refused.name)), "the refused file is still in the cache"
    finally:
        tab.close()


def test_api_rejects_paths_outside_the_upload_cache(fresh_app: Running) -> None:
    """The drop zone's message names files by path: one outside Gradio's cache is ignored."""
    from gradio_client import Client

    client = Client(fresh_app.url, verbose=False)
    sent = json.dumps([{"path": "/etc/passwd", "name": "passwd.txt", "size": 10}])
    status = client.predict(sent, api_name="/add_articles")[0]  # type: ignore[index]
    assert "Choose or drop the article files" in status and "root:" not in status


def test_login_page_states_the_limit_and_the_server_keeps_it(
    browser: Any, settings: Settings, pipeline: Pipeline
) -> None:
    """Issue 18: the login page says how wrong passwords are limited, and after five the
    server refuses the next login from that address with how long to wait."""
    from playwright.sync_api import expect

    running = start(settings.replace(auth="ana:s3cret"), pipeline, port=0)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(running.url)
        expect(page.get_by_text(LOGIN_MESSAGE)).to_be_visible()
        statuses = []
        for _ in range(6):
            page.get_by_label("username").fill("ana")
            page.get_by_label("password").fill("wrong")
            with page.expect_response(lambda r: r.url.endswith("/login")) as response:
                page.get_by_role("button", name="Login").click()
            statuses.append(response.value.status)
        assert statuses == [400] * 5 + [429]
        assert "wait" in response.value.json()["detail"]
    finally:
        context.close()
        running.close()
