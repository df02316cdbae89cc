"""The kode desa check the set-up wizard runs as the operator types."""

from __future__ import annotations

import pytest

from siksdesk.services.village_setup_errors import check_kode_desa


def test_a_known_code_is_explained_and_names_its_regions() -> None:
    check = check_kode_desa(" 35.22.14-2011 ")
    assert check.ok and check.code == "3522142011" and check.notes == ()
    assert (check.provinsi, check.kabupaten) == ("Jawa Timur", "Bojonegoro")
    assert check.kecamatan
    assert check.explanation("id").startswith("35 Jawa Timur · 22 Bojonegoro · 14 ")
    assert check.explanation("id").endswith("desa no. 2011")
    assert check_kode_desa("3522141001").explanation("en").endswith("kelurahan no. 1001")


@pytest.mark.parametrize(("text", "code"), [
    ("", "KODE_DESA_FORMAT"), ("352214201", "KODE_DESA_FORMAT"),
    ("35221420111", "KODE_DESA_FORMAT"), ("３５２２１４２０１１", "KODE_DESA_FORMAT"),
    ("1022142011", "KODE_DESA_PROVINCE"), ("3522140000", "KODE_DESA_NUMBER"),
])
def test_bad_codes_are_refused_with_a_bilingual_reason(text: str, code: str) -> None:
    check = check_kode_desa(text)
    assert not check.ok and check.error is not None and check.error.code == code
    assert check.error.message("id") != check.error.message("en")


def test_unknown_kecamatan_or_kabupaten_is_only_a_warning() -> None:
    kecamatan = check_kode_desa("3522992011")
    assert kecamatan.ok and [n.code for n in kecamatan.notes] == ["KODE_DESA_KECAMATAN_UNKNOWN"]
    assert kecamatan.kabupaten == "Bojonegoro" and kecamatan.kecamatan is None
    assert "(tidak ada di daftar)" in kecamatan.explanation("id")
    kabupaten = check_kode_desa("3599012011")
    assert [n.code for n in kabupaten.notes] == ["KODE_DESA_KABKOTA_UNKNOWN"]
