"""The dashboard in a real browser: Debian's chromium, headless, driven by
playwright (no browser download). Served by uvicorn over a store of the
sample articles; screenshots land in the test's folder."""
import shutil

import pytest

from sitrep.report.pdf import BROWSER_FLAGS

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it with apt)")


@pytest.fixture(scope="module")
def server(sample_store):
    from sitrep.evaluate.dashboard import LocalServer
    from sitrep.web import assets
    if not assets.built():
        pytest.skip("the dashboard's map assets are not built (make assets)")
    with LocalServer(sample_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        yield b
        b.close()


def _open(browser, url, width=1280, height=800):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
    return page, errors


def _list_ids(page):
    return page.eval_on_selector_all("#event-list li[data-id]", "els => els.map(e => e.dataset.id)")


def test_markers_filter_detail_and_screenshot(server, browser, tmp_path):
    page, errors = _open(browser, server + "/")
    # markers (single or clustered) are on the map, and the basemap is drawn offline
    page.wait_for_selector(".leaflet-marker-icon", timeout=10_000)
    assert page.locator(".leaflet-marker-icon").count() >= 3
    page.wait_for_selector(".leaflet-base-pane path", state="attached", timeout=10_000)
    everything = _list_ids(page)
    assert len(everything) > 10

    # a filter changes the list, and the URL keeps it
    page.select_option("select[name=event_type]", "Protests")
    # the events shown answer the new filter (map moves also redraw the list: not a signal)
    page.wait_for_function("document.body.dataset.loaded === 'event_type=Protests'")
    protests = _list_ids(page)
    assert 0 < len(protests) < len(everything)
    assert all("protest" in t.lower() for t in page.locator("#event-list li b").all_inner_texts())
    assert "event_type=Protests" in page.url

    # clicking an event shows its sources with the evidence highlighted
    page.select_option("select[name=event_type]", "")
    page.fill("input[name=q]", "Zalingei")
    page.wait_for_function("document.querySelectorAll('#event-list li[data-id]').length > 0 && "
                           "location.search.includes('q=Zalingei')")
    page.click("#event-list li[data-id]")
    page.wait_for_selector("#detail blockquote.evidence mark")
    assert "Nyala" in page.inner_text("#detail h2")
    assert page.locator("#detail mark").count() >= 1
    assert "event=" in page.url
    page.screenshot(path=str(tmp_path / "dashboard.png"))
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert errors == []


def test_permalink_restores_filters_and_the_open_event(server, browser):
    page, _ = _open(browser, server + "/?country=SO&event_type=Explosions%2FRemote+violence")
    assert page.input_value("select[name=country]") == "SO"
    texts = page.locator("#event-list li b").all_inner_texts()
    assert texts and set(texts) == {"Suicide bomb"}
    first = _list_ids(page)[0]
    page2, _ = _open(browser, f"{server}/?country=SO&event={first}")
    page2.wait_for_selector("#detail:not([hidden]) h2")
    assert page2.locator("#event-list").is_hidden()


def test_timeline_brush_narrows_the_dates(server, browser):
    page, _ = _open(browser, server + "/")
    before = len(_list_ids(page))
    box = page.locator("#timeline").bounding_box()
    # drag across the right-hand tenth of the timeline: the latest events only
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 30, steps=5)
    page.mouse.up()
    page.wait_for_function("location.search.includes('date_from=')")
    after = _list_ids(page)
    assert 0 < len(after) < before
    assert page.is_visible("#clear-range")


def test_phone_sized_screen_stays_usable(server, browser, tmp_path):
    page, errors = _open(browser, server + "/", 390, 844)
    assert page.is_visible("#map") and page.is_visible("#event-list")
    assert not page.is_visible("#filters")          # folded behind a button
    page.click("#toggle-filters")
    assert page.is_visible("select[name=country]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390                             # nothing forces sideways scrolling
    page.screenshot(path=str(tmp_path / "phone.png"))
    assert errors == []
