"""The FastAPI application: read-only pages over one knowledge base file."""
from __future__ import annotations

from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..errors import KnowledgeBaseError
from ..kb import query
from ..kb.store import open_db
from .highlight import LABELS, highlight

HERE = Path(__file__).resolve().parent
PAGE = 100
CALENDAR_LIMIT = 500
MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь"]


def create_app(db_path: Path | str) -> FastAPI:
    """The web view of the base at `db_path`, opened read-only on every request."""
    db_path = Path(db_path)
    open_db(db_path, read_only=True).conn.close()  # fail now, not on the first request
    app = FastAPI(title="extractor: поручения", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, template, {"db_name": db_path.name, **context}, status_code=status)

    def base():
        return open_db(db_path, read_only=True)

    def filters(request: Request) -> query.DirectiveQuery:
        p = request.query_params
        text = lambda key: (p.get(key) or "").strip() or None  # noqa: E731
        return query.DirectiveQuery(assignee=text("assignee"), issuer=text("issuer"), due_before=text("due_before"),
                                    due_after=text("due_after"), overdue=p.get("overdue") in ("1", "on", "true"),
                                    today=text("today") or date.today().isoformat(), search=text("search"),
                                    document=text("document"))

    @app.exception_handler(KnowledgeBaseError)
    async def not_found(request: Request, exc: KnowledgeBaseError):
        return page(request, "error.html", status=404 if "no " in exc.message[:4] else 400, message=exc.message)

    @app.get("/", response_class=HTMLResponse)
    def directives_page(request: Request, offset: int = 0):
        q = filters(request)
        q.limit, q.offset = PAGE, max(0, offset)
        db = base()
        try:
            rows, total = query.directives(db, q), query.count_directives(db, q)
        finally:
            db.conn.close()
        args = {k: v for k, v in request.query_params.items() if k != "offset"}
        return page(request, "directives.html", rows=rows, total=total, q=q, offset=q.offset, page_size=PAGE,
                    args=args, today=q.today)

    @app.get("/calendar", response_class=HTMLResponse)
    def calendar_page(request: Request):
        q = filters(request)
        q.limit = CALENDAR_LIMIT
        db = base()
        try:
            rows = [r for r in query.directives(db, q) if r["due"]]
            total = query.count_directives(db, q)
        finally:
            db.conn.close()
        months: OrderedDict[str, list] = OrderedDict()
        for row in rows:
            months.setdefault(row["due"][:7], []).append(row)
        label = lambda ym: f"{MONTHS[int(ym[5:7]) - 1]} {ym[:4]}"  # noqa: E731
        return page(request, "calendar.html", months=[(label(k), v) for k, v in months.items()], q=q,
                    today=q.today, args=dict(request.query_params), cut=total > CALENDAR_LIMIT, limit=CALENDAR_LIMIT)

    @app.get("/directives/{directive_id}", response_class=HTMLResponse)
    def directive_page(request: Request, directive_id: str):
        db = base()
        try:
            row = query.directive(db, directive_id)
        finally:
            db.conn.close()
        return page(request, "directive.html", d=row)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str):
        db = base()
        try:
            doc = query.document(db, doc_id)
            rows = query.directives(db, query.DirectiveQuery(document=doc["doc_id"], limit=None))
        finally:
            db.conn.close()
        body = highlight(doc["text"], doc["record"], doc["directive_ids"], doc["people"], doc["orgs"]) \
            if doc["text"] else None
        return page(request, "document.html", doc=doc, body=body, rows=rows, labels=LABELS)

    @app.get("/people", response_class=HTMLResponse)
    def people_page(request: Request, name: Optional[str] = None):
        db = base()
        try:
            rows = query.people(db, name or None, limit=1000)
        finally:
            db.conn.close()
        return page(request, "entities.html", rows=rows, kind="people", name=name or "")

    @app.get("/orgs", response_class=HTMLResponse)
    def orgs_page(request: Request, name: Optional[str] = None):
        db = base()
        try:
            rows = query.orgs(db, name or None, limit=1000)
        finally:
            db.conn.close()
        return page(request, "entities.html", rows=rows, kind="orgs", name=name or "")

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(request: Request, entity_id: str):
        db = base()
        try:
            row = query.entity(db, entity_id)
        finally:
            db.conn.close()
        return page(request, "entity.html", e=row)

    return app
