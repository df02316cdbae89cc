"""Turns catalogue variables into mapped columns, so the catalogue stays the one source."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, SmallInteger, String
from sqlalchemy.orm import mapped_column
from sqlalchemy.types import TypeEngine

from siksdesk.domain.variables import Entity, Variable, VarType, variables


def column_type(var: Variable) -> TypeEngine[Any]:
    match var.vtype:
        case VarType.CODE:
            return SmallInteger()
        case VarType.YESNO:
            return Boolean(create_constraint=False)
        case VarType.FLAGS | VarType.INT:
            return Integer()
        case VarType.DECIMAL:
            return Float()
        case VarType.TEXT:
            return String(var.max_length)
        case VarType.DATE:
            return Date()
    raise ValueError(var.vtype)


def attach_catalogue_columns(cls: type, entity: Entity) -> None:
    """Add one nullable column per catalogue variable; "required" is a validation rule, because
    field data arrive incomplete and must still be stored."""
    for var in variables(entity):
        setattr(cls, var.key, mapped_column(var.key, column_type(var), nullable=True))
