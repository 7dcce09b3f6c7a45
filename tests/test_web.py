"""The web view: pages through FastAPI's test client, and end to end in real headless Chromium.

The browser test needs Debian's `chromium` and `chromium-driver` (`.ci/browser.sh` installs
them) and the `selenium` package; it is skipped, saying why, when one is missing.
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time

import pytest

from extractor.kb import ingest, open_db

# ---------------------------------------------------------------- hand-written records

TEXT = (
    "Премьер-министр Олжас Бектенов провел совещание по развитию промышленных зон. "
    "Министерству финансов и Министерству национальной экономики поручено до 15 января 2026 года "
    "внести окончательное решение по источникам финансирования. "
    "Акимам областей поручено до 1 июня 2026 года завершить строительство 12 дорог."
)
OTHER_TEXT = "Министр юстиции Азамат Ескараев поручил до 1 марта 2026 года подготовить поправки <в закон>."


def span(text: str, fragment: str) -> dict:
    start = text.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def sentence(text: str, first: str, last: str) -> dict:
    start, end = text.index(first), text.index(last) + len(last)
    return {"start": start, "end": end, "text": text[start:end]}


def records() -> list[dict]:
    t, o = TEXT, OTHER_TEXT
    issuer = {"name": "Олжас Бектенов", "type": "person", "role": "Премьер-министр"}
    return [
        {"doc_id": "kz-web-1", "title": "Совещание о промышленных зонах", "published": "2025-12-25", "text": t,
         "people": [{"name": "Олжас Бектенов", "mentions": [span(t, "Олжас Бектенов")],
                     "roles": [dict(span(t, "Премьер-министр"), title="Премьер-министр")]}],
         "organizations": [
             {"name": "Министерство финансов", "mentions": [span(t, "Министерству финансов")]},
             {"name": "Министерство национальной экономики", "mentions": [span(t, "Министерству национальной экономики")]}],
         "figures": [dict(span(t, "12 дорог"), value=12, unit="дорога")],
         "dates": [dict(span(t, "до 15 января 2026 года"), kind="deadline", date="2026-01-15"),
                   dict(span(t, "до 1 июня 2026 года"), kind="deadline", date="2026-06-01")],
         "directives": [
             dict(sentence(t, "Министерству финансов", "финансирования."), issuer=issuer,
                  assignees=[{"name": "Министерство финансов", "type": "organization"},
                             {"name": "Министерство национальной экономики", "type": "organization"}],
                  action="внести окончательное решение по источникам финансирования",
                  deadline=dict(span(t, "до 15 января 2026 года"), date="2026-01-15")),
             dict(sentence(t, "Акимам областей", "дорог."), issuer=issuer,
                  assignees=[{"name": "акимы областей", "type": "generic"}],
                  action="завершить строительство 12 дорог",
                  deadline=dict(span(t, "до 1 июня 2026 года"), date="2026-06-01"))]},
        {"doc_id": "kz-web-2", "title": "Поправки <в закон>", "published": "2026-01-10", "text": o,
         "people": [{"name": "Азамат Ескараев", "mentions": [span(o, "Азамат Ескараев")]}],
         "directives": [dict(sentence(o, "Министр", "закон>."), issuer={"name": "Азамат Ескараев", "type": "person"},
                             assignees=[{"name": "Министерство юстиции", "type": "organization"}],
                             action="подготовить поправки <в закон>",
                             deadline=dict(span(o, "до 1 марта 2026 года"), date="2026-03-01"))]},
    ]


def make_base(tmp_path):
    path = tmp_path / "kb.sqlite"
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    db = open_db(path)
    summary = ingest(db, [out])
    assert summary.added == 2 and summary.with_text == 2
    db.conn.close()
    return path


def client(tmp_path):
    from fastapi.testclient import TestClient

    from extractor.web import create_app

    return TestClient(create_app(make_base(tmp_path)))


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize("url,present,absent", [
    ("/", ["внести окончательное решение", "завершить строительство", "подготовить поправки"], []),
    ("/?assignee=Минфин", ["внести окончательное решение"], ["завершить строительство", "подготовить поправки"]),
    ("/?due_before=2026-02-01", ["внести окончательное решение"], ["подготовить поправки"]),
    ("/?overdue=1&today=2026-04-01", ["внести окончательное решение", "подготовить поправки"], ["завершить строительство"]),
    ("/?search=финансированием", ["внести окончательное решение"], ["подготовить поправки"]),
    ("/?issuer=О.+Бектенов", ["завершить строительство"], ["подготовить поправки"]),
    ("/calendar", ["январь 2026", "март 2026", "июнь 2026"], []),
    ("/people", ["Олжас Бектенов", "Азамат Ескараев"], []),
    ("/orgs", ["Министерство финансов", "Министерство юстиции"], []),
    ("/entities/P1", ["Олжас Бектенов", "внести окончательное решение"], []),
])
def test_web_pages(tmp_path, url, present, absent):
    response = client(tmp_path).get(url)
    assert response.status_code == 200
    for text in present:
        assert text in response.text
    for text in absent:
        assert text not in response.text


def test_web_document_is_highlighted_and_escaped(tmp_path):
    c = client(tmp_path)
    page = c.get("/documents/kz-web-1").text
    assert '<mark class="entity ent-per" title="Олжас Бектенов"><a href="/entities/P1">Олжас Бектенов' in page
    assert page.count('<span class="directive" id="d') == 2
    assert 'ent-date' in page and 'ent-num' in page and 'ent-org' in page
    other = c.get("/documents/kz-web-2").text
    assert "&lt;в закон&gt;" in other and "<в закон>" not in other


@pytest.mark.parametrize("url,status", [
    ("/directives/999", 404), ("/documents/missing", 404), ("/entities/P999", 404), ("/?due_before=1.02.2026", 400),
])
def test_web_errors(tmp_path, url, status):
    assert client(tmp_path).get(url).status_code == status


def test_web_is_read_only(tmp_path):
    c = client(tmp_path)
    assert c.post("/", data={"assignee": "x"}).status_code == 405


def test_web_refuses_a_missing_base(tmp_path):
    from extractor.errors import KnowledgeBaseError
    from extractor.web import create_app

    with pytest.raises(KnowledgeBaseError, match="no knowledge base"):
        create_app(tmp_path / "missing.sqlite")


# ---------------------------------------------------------------- in a real browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1400,1000"]


def browser():
    """A headless Chromium through Selenium, or pytest.skip saying what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("no chromium/chromedriver on PATH: run `.ci/browser.sh` (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def serve(app):
    """Run the app with uvicorn on a free port in a thread; returns (base url, server)."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    return f"http://127.0.0.1:{port}", server


def test_web_browser_filters_the_table_and_opens_a_document(tmp_path):
    from extractor.web import create_app

    driver = browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    url, server = serve(create_app(make_base(tmp_path)))
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(url + "/")
        rows = driver.find_elements(By.CSS_SELECTOR, "#directives tbody tr")
        assert len(rows) == 3

        driver.find_element(By.ID, "assignee").send_keys("Министерство финансов")
        due = driver.find_element(By.ID, "due_before")
        driver.execute_script("arguments[0].value = '2026-02-01'", due)
        driver.find_element(By.ID, "apply").click()
        wait.until(ec.url_contains("due_before=2026-02-01"))
        rows = driver.find_elements(By.CSS_SELECTOR, "#directives tbody tr")
        assert len(rows) == 1
        assert rows[0].find_element(By.CSS_SELECTOR, ".deadline").text == "2026-01-15"
        assert "внести окончательное решение" in rows[0].text
        assert driver.find_element(By.ID, "assignee").get_attribute("value") == "Министерство финансов"

        rows[0].find_element(By.CSS_SELECTOR, "a.doc-link").click()
        wait.until(ec.presence_of_element_located((By.ID, "document-text")))
        assert driver.find_element(By.ID, "doc-title").text == "Совещание о промышленных зонах"
        article = driver.find_element(By.ID, "document-text")
        people = [m.text for m in article.find_elements(By.CSS_SELECTOR, "mark.ent-per")]
        assert people and people[0].startswith("Олжас Бектенов")
        assert len(article.find_elements(By.CSS_SELECTOR, "mark.ent-org")) == 2
        assert len(article.find_elements(By.CSS_SELECTOR, "mark.ent-date")) == 2
        assert len(article.find_elements(By.CSS_SELECTOR, "span.directive")) == 2

        article.find_element(By.CSS_SELECTOR, "span.directive a.directive-label").click()
        wait.until(ec.presence_of_element_located((By.ID, "action")))
        assert driver.find_element(By.ID, "action").text == "внести окончательное решение по источникам финансирования"
    finally:
        driver.quit()
        server.should_exit = True
