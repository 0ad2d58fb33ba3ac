"""Driving the chat page in Debian's chromium (playwright): a tab that records what the page
does wrong (console errors, failed requests, dialogs, requests that leave the app), and
the measurements the browser tests assert on (contrast from the page's own styles, axe-core).

axe-core comes from the npm registry: ``npm ci --prefix tests/browser`` (``.ci/run`` does it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import pytest

from rag.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = PROJECT_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
LAPTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
# A phone: narrow, touch, no hover, so a marker is tapped rather than pointed at.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
SIZES = {"laptop": LAPTOP, "phone": PHONE}
TIMEOUT_MS = 90_000
REPLIES = "#nr-log .nr-exchange"

# Every visible piece of text, its colour and the colour behind it (translucent backgrounds
# composed up the tree), and the contrast ratio WCAG 2.1 defines; large text needs 3:1.
CONTRAST = """() => {
  const parse = (value) => {
    const m = /rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)/.exec(value);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return null;  // a gradient: axe judges those
      const colour = parse(style.backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] === 1) break;
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const failures = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    const skip = "script, style, [aria-hidden=true], button:disabled, .nr-visually-hidden, "
      + ".sr-only";
    if (el.closest(skip)) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!rect.width || !rect.height || style.visibility !== "visible") continue;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true })) continue;
    const bg = background(el);
    const fg = parse(style.color);
    if (!bg || !fg) continue;
    const text = over(fg, bg);
    const [hi, lo] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) {
      failures.push({ text: node.textContent.trim().slice(0, 40), ratio: +ratio.toFixed(2),
                      color: style.color, size, where: el.className || el.tagName });
    }
  }
  return { checked, failures };
}"""


def unavailable(reason: str) -> NoReturn:
    """Skip a browser test for a missing tool, except in CI, where it must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs it)")
    pytest.skip(reason)


def install_axe() -> None:
    """``npm ci --prefix tests/browser``, what ``.ci/run`` does, so that ``make test`` on a
    fresh clone runs the accessibility check too (npm from the system's packages)."""
    npm = shutil.which("npm")
    if npm is None:
        unavailable("npm is missing (apt-get install npm), so axe-core cannot be installed")
    subprocess.run(
        [npm, "ci", "--prefix", str(AXE.parents[2]), "--no-audit", "--no-fund"],
        check=True,
        timeout=600,
    )


class Tab:
    """One browser tab on the app, recording every request, failure and dialog it sees."""

    def __init__(self, browser: Any, url: str, size: str, **options: Any) -> None:
        self.url = url
        self.size = size
        self.context = browser.new_context(**SIZES[size], **options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.dialogs: list[str] = []
        self.unloading = False
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.failures.append(f"page error: {error}"))
        self.page.on("response", self._response)
        self.page.on("dialog", self._dialog)
        self.open()

    def open(self) -> None:
        """Load the page (again, for a reload). Gradio's client logs an error when a reload
        cuts its event stream; what is logged while the page unloads is not the page's."""
        self.unloading = True
        self.page.goto(self.url)
        self.unloading = False
        self.page.locator("#nr-question textarea").wait_for()
        # The conversation kept in the browser is rendered once the page has loaded.
        self.page.wait_for_function("() => document.querySelector('#nr-log') !== null")

    def _console(self, message: Any) -> None:
        if self.unloading or "Autofocus processing" in message.text:
            return
        if message.type in ("error", "warning"):
            self.failures.append(f"console {message.type}: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failures.append(f"HTTP {response.status} {response.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def box(self) -> Any:
        return self.page.locator("#nr-question textarea")

    def ask(self, question: str) -> Any:
        """Type ``question``, press Enter, and return the new exchange once it is shown."""
        replies = self.page.locator(REPLIES)
        before = replies.count()
        idle = "() => !document.body.classList.contains('nr-pending')"
        self.page.wait_for_function(idle)  # as a reader: no question while one is pending
        self.box.fill(question)
        self.box.press("Enter")
        self.page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length > n", arg=[REPLIES, before]
        )
        self.page.wait_for_timeout(150)  # the page's own scrolling runs on the next frame
        return replies.nth(before)

    def within_chat(self, locator: Any) -> bool:
        """Whether the top of ``locator`` is inside both the chat's and the window's view."""
        return bool(
            locator.evaluate(
                """el => {
                  const top = el.getBoundingClientRect().top;
                  const chat = document.querySelector('#nr-log').getBoundingClientRect();
                  return top >= chat.top - 1 && top < chat.bottom
                         && top >= 0 && top < window.innerHeight;
                }"""
            )
        )

    def in_window(self, locator: Any) -> bool:
        """Whether all of ``locator`` is inside the window, once the page's scrolling (on the
        next frames) is done."""
        inside = """el => { const r = el.getBoundingClientRect();  // a pixel's rounding allowed
                            return r.top >= -1 && r.bottom <= window.innerHeight + 1
                                   && r.height > 0; }"""
        try:
            self.page.wait_for_function(inside, arg=locator.element_handle(), timeout=2000)
        except Exception:  # playwright's TimeoutError: report where it is
            top, bottom = locator.evaluate(
                "el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; }"
            )
            print(
                f"{locator} spans {top:.0f}-{bottom:.0f} px of a {self.page.viewport_size} window"
            )
            return False
        return True

    def shown_turn(self) -> str | None:
        """The exchange whose sources the panel shows."""
        return self.page.evaluate(
            """() => { const s = [...document.querySelectorAll('.nr-sources .nr-turn')]
                         .filter(e => getComputedStyle(e).display !== 'none');
                       return s.length === 1 ? s[0].dataset.turn : null; }"""
        )

    def contrast_failures(self) -> list[dict[str, Any]]:
        result = self.page.evaluate(CONTRAST)
        assert result["checked"] > 20, "the contrast check found almost no text to measure"
        return list(result["failures"])

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is."""
        if not AXE.exists():
            install_axe()
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            """async () => {
              const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
              });
              return { violations: r.violations.map(v => ({ id: v.id, impact: v.impact,
                         nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })),
                       passes: r.passes.length };
            }"""
        )
        assert result["passes"] > 10
        return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.size}.png"
        self.page.wait_for_timeout(300)  # let a smooth scroll settle
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        foreign = [
            u for u in self.requests if not u.startswith(self.url) and not u.startswith("blob:")
        ]
        self.context.close()
        assert not foreign, f"the page fetched from outside the app: {foreign[:5]}"
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"
        assert not self.failures, f"the page reported problems: {self.failures[:5]}"
