"""Export purposes: which lists offer which purpose, and that the columns each purpose keeps
exist in that list and leave out what a public or field list must not carry."""

from __future__ import annotations

import pytest

from siksdesk.domain.export_purposes import (
    DEFAULT_PURPOSE,
    PURPOSE_KEYS,
    UnknownPurpose,
    export_purpose,
    purposes_for,
)
from siksdesk.io.bnba_layout import BDT2015
from siksdesk.services import export_tables
from siksdesk.services.exports import EXPORT_KINDS

TABLE_KEYS = {
    "bnba": set(BDT2015.export_headers),
    "masalah": {spec[0] for spec in export_tables._PROBLEM_COLUMNS},
    "usulan": {spec[0] for spec in export_tables._USULAN_COLUMNS},
    "perbaikan-nik": {spec[0] for spec in export_tables._NIK_ISSUE_COLUMNS},
}
NEVER_PUBLIC = {"tanggal_lahir", "tempat_lahir", "umur", "nama_ibu_kandung", "idbdt",
                "idartbdt", "latitude", "longitude", "luas_lantai", "ada_emas", "ada_mobil",
                "jumlah_sapi", "prog_pkh", "catatan", "dibuat_oleh", "tanggal_lahir_dinas"}


@pytest.mark.parametrize("what", [kind.key for kind in EXPORT_KINDS])
def test_every_list_offers_lengkap_first_and_unchanged(what: str) -> None:
    offered = purposes_for(what)
    assert offered[0].key == DEFAULT_PURPOSE == "lengkap"
    assert offered[0].columns is None and not offered[0].mask_identifiers
    assert export_purpose(what) is offered[0]
    assert {p.key for p in offered} <= set(PURPOSE_KEYS)


@pytest.mark.parametrize("what", [kind.key for kind in EXPORT_KINDS])
def test_chosen_columns_exist_in_the_list_and_are_masked(what: str) -> None:
    for purpose in purposes_for(what)[1:]:
        assert purpose.columns is not None and purpose.mask_identifiers
        assert set(purpose.columns) <= TABLE_KEYS[what], (what, purpose.key)
        assert len(set(purpose.columns)) == len(purpose.columns)


def test_public_notice_only_where_it_makes_sense() -> None:
    offering = {kind.key for kind in EXPORT_KINDS
                if "pengumuman" in {p.key for p in purposes_for(kind.key)}}
    assert offering == {"bnba", "usulan"}
    for what in offering:
        columns = set(export_purpose(what, "pengumuman").columns or ())
        assert not columns & NEVER_PUBLIC
        assert {"nama", "nik"} <= columns
        assert not {k for k in columns if k.startswith(("ada_", "jumlah_", "jenis_lantai"))}


def test_field_survey_keeps_the_way_to_the_household_but_no_birth_date() -> None:
    bnba = export_purpose("bnba", "pendataan")
    assert {"nama", "alamat", "rt", "rw", "dusun", "nik", "no_kk"} <= set(bnba.columns or ())
    assert not {"tanggal_lahir", "nama_ibu_kandung", "ada_emas"} & set(bnba.columns or ())
    for what in TABLE_KEYS:
        columns = set(export_purpose(what, "pendataan").columns or ())
        assert "tanggal_lahir" not in columns and "tanggal_lahir_dinas" not in columns


@pytest.mark.parametrize(("what", "purpose"), [("masalah", "pengumuman"),
                                               ("perbaikan-nik", "pengumuman"),
                                               ("bnba", "semua")])
def test_a_purpose_not_offered_is_a_typed_error(what: str, purpose: str) -> None:
    with pytest.raises(UnknownPurpose) as caught:
        export_purpose(what, purpose)
    assert caught.value.what == what and caught.value.purpose == purpose


def test_labels_in_both_languages() -> None:
    public = export_purpose("usulan", "pengumuman")
    assert public.label() == "Pengumuman publik (papan desa)"
    assert public.label("en") == "Public notice (village board)"
    assert export_purpose("bnba").label() == "Lengkap — untuk Dinas Sosial"
