"""Situation reports from a real store of the sample articles: figures,
sections, claims, flows, the three formats, and the API route."""
import shutil
import subprocess
from datetime import date

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.report import gather, render_html, write_report
from sitrep.report.render import render_markdown
from sitrep.store import QueryError


def test_report_data_for_a_day_with_displacement_and_contested_claims(sample_store):
    r = gather(sample_store, "SD", "2024-06-15")
    assert r.country == "Sudan" and r.period == "15 June 2024"
    assert r.totals["events"] == len(r.events) >= 2
    assert r.totals["displaced"] == 4000
    assert r.totals["fatalities"] == sum(e["fatalities"] or 0 for e in r.events) > 0
    assert [f["origin"] for f in r.flows] == ["Nyala"] and r.flows[0]["destination"] == "Zalingei"
    assert r.contested and all(e["claims"] for e in r.contested)
    assert [name for name, _ in r.by_admin1] == ["South Darfur"]
    assert len(r.history) == 30 and r.history[-1][0] == date(2024, 6, 15)
    assert sum(sum(c.values()) for _, c in r.history) == len(r.events)


def test_days_widen_the_period_and_nothing_outside_it_counts(sample_store):
    one = gather(sample_store, "SO", "2024-05-11")
    two = gather(sample_store, "SO", "2024-05-11", days=2)
    assert all(e["event_date"] == "2024-05-11" for e in one.events)
    assert len(two.events) > len(one.events)
    assert {e["event_date"] for e in two.events} == {"2024-05-10", "2024-05-11"}
    empty = gather(sample_store, "SO", "2030-01-01")
    assert empty.events == [] and empty.country == "Somalia"
    assert "No events recorded" in render_html(empty)


def test_html_report_holds_every_section_and_links_its_sources(sample_store):
    r = gather(sample_store, "SD", "2024-06-15")
    html = render_html(r)
    for part in ("Headline figures", "<svg", "Events by type, 30 days", "Contested claims", "Displacement",
                 "South Darfur", "https://example.org/sample-sudan-1", "4,000"):
        assert part in html, part
    assert html.count("<circle") == sum(1 for e in r.events if e["latitude"] is not None)
    assert 'marker-end="url(#arrow)"' in html   # the Nyala -> Zalingei flow


def test_markdown_report_writes_its_pictures_beside_it(sample_store, tmp_path):
    written = write_report(gather(sample_store, "SD", "2024-06-15"), tmp_path / "sd.md")
    assert [p.name for p in written] == ["sd.md", "sd.map.svg", "sd.chart.svg"]
    text = written[0].read_text()
    assert "![Map of the period's events](sd.map.svg)" in text and "| Nyala | Zalingei | 4,000 |" in text
    inline, files = render_markdown(gather(sample_store, "SD", "2024-06-15"), inline=True)
    assert files == {} and "data:image/svg+xml;base64," in inline


def test_bad_requests_are_refused_clearly(sample_store, tmp_path):
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        gather(sample_store, "SD", "15/06/2024")
    with pytest.raises(QueryError, match="1-366"):
        gather(sample_store, "SD", "2024-06-15", days=0)
    with pytest.raises(ValueError, match=".docx"):
        write_report(gather(sample_store, "SD", "2024-06-15"), tmp_path / "r.docx")


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdftotext")),
                    reason="PDF reports need Debian's chromium and pdftotext (poppler-utils); .ci/run installs them")
def test_pdf_report_printed_by_chromium_has_the_text(sample_store, tmp_path):
    out = tmp_path / "sd.pdf"
    write_report(gather(sample_store, "SD", "2024-06-15"), out)
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for part in ("Sudan: situation report", "Headline figures", "4,000", "Nyala", "Zalingei", "South Darfur"):
        assert part in text, part


def test_reports_are_served(sample_store):
    client = TestClient(create_app(sample_store))
    r = client.get("/reports/SD/2024-06-15")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "Zalingei" in r.text
    md = client.get("/reports/SD/2024-06-15", params={"format": "md", "days": 3})
    assert md.status_code == 200 and md.text.startswith("# Sudan: situation report")
    assert client.get("/reports/SD/not-a-date").status_code == 422
    assert client.get("/reports/SD/2024-06-15", params={"format": "exe"}).status_code == 422
