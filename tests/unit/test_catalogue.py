"""The variable catalogue: complete, consistent, and the single source for columns."""

from __future__ import annotations

from datetime import date

from siksdesk.domain.variables import (
    SECTIONS,
    YES_NO_12,
    YES_NO_34,
    Entity,
    Layout,
    VarType,
    all_variables,
    by_excel_column,
    excel_to_value,
    normalise_header,
    value_to_excel,
    variable,
    variables,
)
from siksdesk.models import Art, Ruta


def test_keys_and_excel_columns_are_unique() -> None:
    keys = [v.key for v in all_variables()]
    assert len(keys) == len(set(keys))
    for entity in Entity:
        headers = [normalise_header(v.excel[Layout.BDT2015]) for v in variables(entity)
                   if Layout.BDT2015 in v.excel]
        assert len(headers) == len(set(headers)), entity


def test_every_variable_is_complete() -> None:
    section_keys = {s.key for s in SECTIONS}
    for var in all_variables():
        assert var.label_id and var.label_en, var.key
        assert var.section in section_keys, var.key
        if var.vtype in (VarType.CODE, VarType.FLAGS):
            assert var.codes, var.key
            assert len({c.value for c in var.codes}) == len(var.codes), var.key
        if var.vtype is VarType.YESNO:
            assert var.yes_no in (YES_NO_12, YES_NO_34), var.key


def test_household_instrument_has_the_44_components() -> None:
    # domain.md: 43 housing/asset/land/livestock/business items + jumlah ART (derived) = 44
    sections = {"perumahan", "aset", "lahan", "ternak", "usaha"}
    assert len([v for v in variables(Entity.RUTA) if v.section in sections]) == 43


def test_assets_alternate_between_1_2_and_3_4() -> None:
    assets = [v for v in variables(Entity.RUTA) if v.section == "aset" and v.yes_no]
    assert [v.yes_no for v in assets[:4]] == [YES_NO_12, YES_NO_34, YES_NO_12, YES_NO_34]
    fridge = variable(Entity.RUTA, "ada_lemari_es")
    assert excel_to_value(fridge, 3) is True and excel_to_value(fridge, 4) is False
    assert value_to_excel(fridge, True) == 3
    gas = variable(Entity.RUTA, "ada_tabung_gas")
    assert excel_to_value(gas, 1) is True and value_to_excel(gas, False) == 2


def test_every_variable_is_a_model_column() -> None:
    for entity, model in ((Entity.RUTA, Ruta), (Entity.ART, Art)):
        columns = set(model.__table__.columns.keys())
        assert {v.key for v in variables(entity)} <= columns


def test_allows_checks_codes_ranges_and_types() -> None:
    floor = variable(Entity.RUTA, "jenis_lantai")
    assert floor.allows(9) and not floor.allows(11) and not floor.allows("9")
    assert not floor.allows(None)  # required
    assert variable(Entity.RUTA, "status_lahan").allows(None)
    cards = variable(Entity.ART, "kartu_identitas")
    assert cards.allows(1 | 4) and not cards.allows(16)
    age = variable(Entity.ART, "umur")
    assert age.allows(45) and not age.allows(-1) and not age.allows(True)
    assert variable(Entity.ART, "tanggal_lahir").allows(date(1980, 1, 1))


def test_excel_lookup_ignores_case_and_spacing() -> None:
    lookup = by_excel_column(Entity.RUTA, Layout.BDT2015)
    assert lookup[normalise_header(" ada_LEMARI es ")].key == "ada_lemari_es"
