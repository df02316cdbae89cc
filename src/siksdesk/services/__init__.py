"""Use cases: take a Session, return DTOs, raise typed user errors. No Qt here."""
