"""PDF from HTML with a real renderer: headless Chromium's print-to-pdf.
Debian's `chromium` (or $SITREP_CHROMIUM) must be installed; nothing is
downloaded."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 60
# Chromium on a server or in CI, for printing here and for the browser tests
# and benchmarks: no sandbox (root), no GPU, and no background traffic (the
# machine may be offline, and Chromium otherwise keeps trying Google's hosts).
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps"]
FLAGS = ["--headless", *BROWSER_FLAGS, "--no-pdf-header-footer"]


class PdfError(RuntimeError):
    """No browser to print with, or printing failed."""


def chromium() -> str:
    for name in (os.environ.get("SITREP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    raise PdfError("PDF reports need Chromium: install Debian's `chromium` (apt-get install chromium) or set "
                   "SITREP_CHROMIUM to a Chrome/Chromium binary; or write .html or .md instead")


def pdf_bytes(html: str) -> bytes:
    """The HTML printed to PDF by headless Chromium."""
    binary = chromium()
    with tempfile.TemporaryDirectory(prefix="sitrep-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        cmd = [binary, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not print the report within {TIMEOUT_S} s") from None
        if not target.is_file() or target.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise PdfError(f"Chromium failed to print the report (exit {done.returncode}): {' | '.join(tail)}")
        return target.read_bytes()


def html_to_pdf(html: str, out: Path) -> Path:
    out = Path(out)
    data = pdf_bytes(html)   # printed first: a failure leaves no file behind
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
