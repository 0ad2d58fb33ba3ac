"""The chat UI in a real browser: Debian's chromium driven by playwright.

The app runs in-process on a free loopback port against the session store (and, for the
upload and hostile-markup test, against a store of its own). Screenshots go to
``test-output/screenshots/``. Without chromium these tests skip, except in CI (CI=true),
where they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.api import Pipeline
from rag.config import PROJECT_ROOT, Settings
from rag.store import Store
from ui.app import Running, start

pytestmark = [
    pytest.mark.browser,
    # Gradio's in-process queue summarises its events with deprecated pandas options.
    pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 60_000
PUTIN_GIFT = "What did Putin give Trump in 2018?"
DEMANDS = "Is Russia demanding anything before talks begin?"
OUT_OF_CORPUS = "What did the German chancellor say about the talks?"
# Scrolls the chat (not the page) so that the element starts at the top of it.
SCROLL_CHAT_TO = """el => {
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight
                  && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 12;
}"""
REPLIES = "#nr-chat .nr-answer, #nr-chat .nr-notfound, #nr-chat .nr-error"
HOSTILE_ARTICLE = """Harbour council <script>alert(1)</script> backs a night ferry

The Lindenport harbour council voted on Tuesday to run a night ferry across the bay.
The minutes printed the plan as <img src=x onerror=alert(1)> and ${fare} {{fare}} `$$x$$`.
The ferry will carry up to 80 passengers and start in June, the harbour master said.
"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app(browser: Any, settings: Settings, pipeline: Pipeline) -> Iterator[Running]:
    running = start(settings, pipeline, port=0)
    yield running
    running.close()


class Session:
    """One browser tab on the app, recording every request and dialog it sees."""

    def __init__(self, browser: Any, url: str, viewport: dict[str, int]) -> None:
        self.url = url
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(url)
        self.page.locator("#nr-question textarea").wait_for()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str) -> Any:
        """Type ``question``, press Enter, and return the reply's locator once it is shown."""
        replies = self.page.locator(REPLIES)
        before = replies.count()
        self.page.locator("#nr-question textarea").fill(question)
        self.page.keyboard.press("Enter")
        self.page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length > n", arg=[REPLIES, before]
        )
        return replies.nth(before)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_timeout(400)  # let the smooth scroll settle
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def close(self) -> None:
        foreign = [u for u in self.requests if not u.startswith(self.url)]
        self.context.close()
        assert not foreign, f"the page fetched from outside the app: {foreign[:5]}"
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"


@pytest.fixture()
def laptop(browser: Any, app: Running) -> Iterator[Session]:
    session = Session(browser, app.url, LAPTOP)
    yield session
    session.close()


def test_answer_cites_euromaidan_and_click_highlights_the_sentence(
    laptop: Session, pipeline: Pipeline
) -> None:
    from playwright.sync_api import expect

    expected = pipeline.ask(PUTIN_GIFT)
    cited = next(c for c in expected.citations if c.source.publisher == "Euromaidan Press")
    reply = laptop.ask(PUTIN_GIFT)
    expect(reply).to_contain_text("Euromaidan Press")
    expect(reply).to_contain_text("soccer ball")
    card = laptop.page.locator(f"#nr-src-1-{cited.n}")
    expect(card).not_to_have_class(re.compile(r"\bis-active\b"))
    reply.locator(f'a.nr-cite[href="#nr-src-1-{cited.n}"]').first.click()
    expect(card).to_have_class(re.compile(r"\bis-active\b"))
    expect(card).to_be_in_viewport()
    expect(card.locator("mark.nr-quote")).to_have_text(cited.quote)
    expect(card).to_contain_text(cited.source.title)
    expect(card).to_contain_text(f"characters {cited.start:,}–{cited.end:,}")
    laptop.screenshot("answered-with-citation-highlight")


def test_out_of_corpus_question_shows_not_found(laptop: Session, pipeline: Pipeline) -> None:
    from playwright.sync_api import expect

    expected = pipeline.ask(OUT_OF_CORPUS)
    assert expected.abstained
    reply = laptop.ask(OUT_OF_CORPUS)
    expect(reply).to_have_class(re.compile(r"\bnr-notfound\b"))
    expect(reply.locator(".nr-notfound-head")).to_contain_text("Not in the articles.")
    expect(reply).to_contain_text("Nearest passages — not an answer")
    expect(reply.locator(".nr-nearest li")).to_have_count(len(expected.nearest))
    expect(reply.locator("a.nr-cite")).to_have_count(0)
    expect(laptop.page.locator(".nr-sources")).to_contain_text("No sources")
    laptop.screenshot("not-found")


def test_conflict_callout_shows_each_side(laptop: Session, pipeline: Pipeline) -> None:
    from playwright.sync_api import expect

    expected = pipeline.ask(DEMANDS)
    reply = laptop.ask(DEMANDS)
    callouts = reply.locator("aside.nr-conflict")
    expect(callouts).to_have_count(len(expected.conflicts))
    for i, note in enumerate(expected.conflicts):
        callout = callouts.nth(i)
        expect(callout).to_be_visible()
        expect(callout.locator(".nr-conflict-note")).to_have_text(note.note)
        expect(callout.locator("li.nr-claim")).to_have_count(len(note.claims))
        for j, claim in enumerate(note.claims):
            side = callout.locator("li.nr-claim").nth(j)
            expect(side.locator("q")).to_have_text(expected.citation(claim.citation).quote)
            if claim.says:
                expect(side.locator(".nr-says")).to_have_text(claim.says)
            expect(side.locator(f'a.nr-cite[href="#nr-src-1-{claim.citation}"]')).to_be_visible()
    if expected.conflicts:  # frame the screenshot once the chat's own autoscroll is done
        laptop.page.wait_for_timeout(1500)
        callouts.first.evaluate(SCROLL_CHAT_TO)
    laptop.screenshot("conflict-callout")


def test_examples_articles_and_follow_up_questions(
    laptop: Session, pipeline: Pipeline, store: Store
) -> None:
    from playwright.sync_api import expect

    page = laptop.page
    articles = page.locator("#nr-articles li")
    expect(articles).to_have_count(len(store.docs))
    for doc in store.docs.values():
        expect(page.locator("#nr-articles")).to_contain_text(doc.doc_id)
    page.get_by_role("button", name=PUTIN_GIFT).click()
    page.locator(REPLIES).first.wait_for()
    expect(page.locator("#nr-chat .nr-question")).to_have_text([PUTIN_GIFT])
    follow_up = "Who declared the Easter truce?"
    second = laptop.ask(follow_up)
    expect(page.locator("#nr-chat .nr-question")).to_have_text([PUTIN_GIFT, follow_up])
    expect(page.locator("#nr-turn-2")).to_be_visible()
    expect(page.locator("#nr-turn-1")).to_be_hidden()
    if pipeline.ask(follow_up).citations:
        expect(second.locator("a.nr-cite").first).to_have_attribute("href", re.compile("nr-src-2-"))
    page.locator(REPLIES).first.locator("a.nr-cite").first.click()
    expect(page.locator("#nr-turn-1")).to_be_visible()
    expect(page.locator("#nr-turn-2")).to_be_hidden()
    expect(page.locator("#nr-src-1-1")).to_have_class(re.compile(r"\bis-active\b"))


def test_phone_width_reads_and_scrolls_to_the_source(browser: Any, app: Running) -> None:
    from playwright.sync_api import expect

    session = Session(browser, app.url, PHONE)
    try:
        page = session.page
        reply = session.ask(PUTIN_GIFT)
        reply.scroll_into_view_if_needed()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page is {width}px wide on a 390px screen"
        session.screenshot("phone-width")
        card = page.locator("#nr-src-1-1")
        expect(card).not_to_be_in_viewport()
        reply.locator("a.nr-cite").first.click()
        expect(card).to_be_in_viewport()
        expect(card.locator("mark.nr-quote")).to_be_visible()
        session.screenshot("phone-width-source")
    finally:
        session.close()


@pytest.fixture(scope="module")
def fresh_app(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """The app on an empty store of its own, so uploads do not touch the session store."""
    folder = tmp_path_factory.mktemp("fresh")
    fresh = Settings.from_env({}, store=folder / "store", uploads=folder / "uploads")
    running = start(fresh, port=0)
    yield running
    running.close()


def test_uploaded_hostile_article_is_searchable_and_shows_as_text(
    browser: Any, fresh_app: Running, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    session = Session(browser, fresh_app.url, LAPTOP)
    try:
        page = session.page
        expect(page.locator("#nr-articles")).to_contain_text("No articles yet")
        page.get_by_text("Add an article").click()
        bad = tmp_path / "photo.txt"
        bad.write_bytes(b"\x89PNG\r\n\x00\x00binary")
        page.locator("#nr-upload input[type=file]").set_input_files(str(bad))
        status = page.locator("#nr-upload-status")
        expect(status).to_contain_text("Not added")
        expect(status).to_contain_text("The store is unchanged")
        expect(page.locator("#nr-articles")).to_contain_text("No articles yet")

        article = tmp_path / "harbour <news> & co.txt"
        article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
        page.locator("#nr-upload input[type=file]").set_input_files(str(article))
        expect(status).to_contain_text("Added", timeout=120_000)
        title = "Harbour council <script>alert(1)</script> backs a night ferry"
        expect(page.locator("#nr-articles li")).to_have_count(1)
        expect(page.locator("#nr-articles .nr-title")).to_have_text(title)

        reply = session.ask("What did the minutes print the plan as?")
        expect(reply).to_have_class(re.compile(r"\bnr-answer\b"))
        reply.locator("a.nr-cite").first.click()
        expect(page.locator("#nr-src-1-1 .nr-title")).to_have_text(title)
        hostile = "<img src=x onerror=alert(1)> and ${fare} {{fare}} `$$x$$`."
        expect(reply.locator(".nr-sentence")).to_contain_text(hostile)
        expect(page.locator("#nr-src-1-1 mark.nr-quote")).to_contain_text(hostile)
        assert page.locator("img[src=x], #nr-chat script, .nr-sources script").count() == 0
        assert not page.evaluate("[...document.scripts].some(s => s.text.includes('alert(1)'))")
        session.screenshot("hostile-article-as-text")

        too_big = tmp_path / "long.txt"
        too_big.write_text("word " * 250_000, encoding="utf-8")  # over the 1 MB default
        page.locator("#nr-upload input[type=file]").set_input_files(str(too_big))
        expect(page.get_by_text("exceed the maximum allowed size").first).to_be_visible()
        expect(page.locator("#nr-articles li")).to_have_count(1)
    finally:
        session.close()
