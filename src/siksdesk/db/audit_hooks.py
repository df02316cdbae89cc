"""Session hooks that write the audit entry of every unit of work in its own transaction.

* ``after_flush`` notes ORM inserts/updates/deletes of the audited tables (table, uuid, changed
  field names, a status move) — never values;
* ``do_orm_execute`` notes Core DML run through the session (``session.execute(update(Usulan)…)``);
* ``before_commit`` flushes what is pending, then appends ONE entry covering this transaction's
  change_log rows and the noted records (``db.audit.append_entry``). A unit of work always
  checks for uncovered change_log rows, so driver-level writers on the session's connection
  (the BNBA import) are covered without a call of their own.

A caller may name the action (``session.info[ACTION_KEY] = "backup-restore"``) and add facts to
the summary (``session.info[NOTE_KEY] = {...}``, never personal data).
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import Result, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from siksdesk.db.audit import AUDITED_TABLES, FED_KEY, append_entry
from siksdesk.db.session import AUTHOR_KEY, ORIGIN_KEY, driver_connection

PENDING_KEY: Final = "audit_pending"
ACTION_KEY: Final = "audit_action"
NOTE_KEY: Final = "audit_note"
_SKIPPED: Final = frozenset({"updated_at", "created_at"})


def install_audit_hooks(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _collect_flush)
    event.listen(factory, "do_orm_execute", _collect_statement)
    event.listen(factory, "before_commit", _append_before_commit)
    event.listen(factory, "after_rollback", _forget)


def _pending(session: Session) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = session.info.setdefault(PENDING_KEY, [])
    return found


def _collect_flush(session: Session, _context: Any) -> None:
    for action, objects in (("insert", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in objects:
            table = getattr(obj, "__tablename__", None)
            if table in AUDITED_TABLES:
                record = _record(obj, str(table), action)
                if record is not None:
                    _pending(session).append(record)


def _record(obj: Any, table: str, action: str) -> dict[str, Any] | None:
    record: dict[str, Any] = {"table": table, "action": action,
                              "uuid": str(getattr(obj, "uuid", "") or getattr(obj, "id", ""))}
    if action != "update":
        return record
    state = inspect(obj)
    fields: list[str] = []
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if attr.key in _SKIPPED or not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            fields.append(attr.key)
            if attr.key == "status":
                record["status"] = [None if v is None else str(v) for v in (old, new)]
    if not fields:
        return None
    record["fields"] = sorted(fields)
    return record


def _collect_statement(state: ORMExecuteState) -> Result[Any] | None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table not in AUDITED_TABLES:
        return None
    if state.is_insert:
        params = state.parameters
        rows = len(params) if isinstance(params, list) else 1
        _pending(state.session).append({"table": table, "action": "insert", "rows": rows})
        return None
    result = state.invoke_statement()  # run it here to learn how many rows it touched
    rows = int(getattr(result, "rowcount", 1) or 0)
    if rows:
        action = "update" if state.is_update else "delete"
        _pending(state.session).append({"table": table, "action": action, "rows": rows})
    return result


def _append_before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the commit would flush after this hook: do it first, so it is covered
    if not session.info.get(PENDING_KEY) and AUTHOR_KEY not in session.info:
        session.info.pop(FED_KEY, None)
        return  # not a unit of work and nothing audited noted: nothing to check
    records = session.info.pop(PENDING_KEY, [])
    fed = session.info.pop(FED_KEY, None)  # a bulk writer's rows, digested as written
    append_entry(driver_connection(session), author=str(session.info.get(AUTHOR_KEY) or ""),
                 origin=str(session.info.get(ORIGIN_KEY, "edit")),
                 action=session.info.pop(ACTION_KEY, None), records=records,
                 note=session.info.pop(NOTE_KEY, None), fed=fed)


def _forget(session: Session) -> None:
    for key in (PENDING_KEY, ACTION_KEY, NOTE_KEY, FED_KEY):
        session.info.pop(key, None)
