"""The MusDes documents as A4 PDFs in Indonesian: the Berita Acara, the SPTJM that stands in
for it when no deliberation was held, and the attendance sheet (Daftar Hadir).

The writers take only ``siksdesk.io.pdf_data`` DTOs (built by
``siksdesk.services.berita_acara.berita_acara_data``) and write atomically. A preview of an
open meeting (``data.final`` False) carries a "DRAF — belum final" watermark on every page; the
training village's documents the LATIHAN watermark and header line (``io.training_mark``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from siksdesk.io.pdf_data import (
    BeritaAcaraData,
    ChangedField,
    DecisionLine,
    PersonLine,
    VillageIdentity,
)
from siksdesk.io.pdf_layout import LINE, SMALL_PT, VillagePdf, save_pdf

__all__ = ["write_attendance_sheet", "write_berita_acara", "write_sptjm"]

BA_TITLE: Final = "BERITA ACARA MUSYAWARAH DESA"
SPTJM_TITLE: Final = "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK"
SUBJECT: Final = "Pemutakhiran Data Terpadu Kesejahteraan Sosial (DTKS)"
BLANK_ROWS: Final = 10
TABLE_KEEP: Final = 45.0  # mm: a heading, the table's heading row and a first decision
CLOSING_KEEP: Final = 105.0  # mm: closing + finalisation paragraphs and both signature rows


def write_berita_acara(data: BeritaAcaraData, path: Path) -> Path:
    """Write the Berita Acara MusDes of ``data`` to ``path`` (an SPTJM's data is written as
    the SPTJM). Returns ``path``; raises ``ExportError`` when the file cannot be written."""
    if data.is_sptjm:
        return write_sptjm(data, path)
    pdf = _document(data, BA_TITLE)
    _identity(pdf, data, BA_TITLE)
    pdf.paragraph(
        f"Pada hari ini {data.held_on_text}, bertempat di {data.place or '—'}, Desa "
        f"{data.village.nama_desa} telah menyelenggarakan Musyawarah Desa untuk membahas "
        f"dan memutuskan usulan {SUBJECT} dengan rincian sebagai berikut.")
    pdf.fields([("Hari, tanggal", data.held_on_text), ("Tempat", data.place),
                ("Agenda", data.agenda), ("Pimpinan musyawarah", data.chair),
                ("Notulen", data.note_taker)])
    pdf.heading("A. Daftar hadir")
    _attendance(pdf, data, blank_rows=0)
    _decisions_and_totals(pdf, data, first="B")
    # A signature page that carries no text of the act is not accepted as part of it: the
    # closing paragraphs move with the signature blocks.
    pdf.ensure_space(CLOSING_KEEP)
    pdf.paragraph("Demikian Berita Acara ini dibuat dengan sebenar-benarnya untuk dipergunakan "
                  "sebagaimana mestinya.")
    _finalised(pdf, data)
    _signatures(pdf, data)
    _annex(pdf, data)
    return save_pdf(pdf, path)


def write_sptjm(data: BeritaAcaraData, path: Path) -> Path:
    """Write the Surat Pernyataan Tanggung Jawab Mutlak of an SPTJM "meeting" (no attendance):
    the Kepala Desa's statement, the decisions, totals, the signature with a stamp-duty box,
    and the BNBA annex. Raises ``ValueError`` for a MusDes's data."""
    if not data.is_sptjm:
        raise ValueError("write_sptjm needs the data of an SPTJM")
    pdf = _document(data, SPTJM_TITLE)
    _identity(pdf, data, SPTJM_TITLE, marker="(SPTJM — dibuat tanpa Musyawarah Desa)")
    pdf.paragraph("Yang bertanda tangan di bawah ini:")
    pdf.fields([("Nama", data.chair), ("Jabatan", f"Kepala Desa {data.village.nama_desa}"),
                ("Tanggal", data.held_on_text)])
    pdf.paragraph(data.statement or "—")
    pdf.paragraph(f"Pernyataan ini menggantikan Musyawarah Desa yang tidak diselenggarakan, "
                  f"untuk usulan {SUBJECT} dengan rincian sebagai berikut.", bold=True)
    _decisions_and_totals(pdf, data, first="A")
    pdf.paragraph("Demikian surat pernyataan ini saya buat dengan sebenar-benarnya dan saya "
                  "bertanggung jawab mutlak atas kebenarannya.")
    _finalised(pdf, data)
    _sptjm_signature(pdf, data)
    _annex(pdf, data)
    return save_pdf(pdf, path)


def write_attendance_sheet(data: BeritaAcaraData, path: Path, *,
                           blank_rows: int = BLANK_ROWS) -> Path:
    """The Daftar Hadir to print before (or at) the meeting: No, Nama, Jabatan/Unsur, Tanda
    tangan, the registered attendees first, then ``blank_rows`` empty rows for people who
    arrive. Works for an open meeting (no watermark: it is a form to fill in)."""
    if data.is_sptjm:
        raise ValueError("an SPTJM has no attendance sheet")
    pdf = VillagePdf(title=f"Daftar Hadir Musyawarah Desa {data.village.nama_desa}",
                     training=data.village.training)
    pdf.add_page()
    pdf.title_block(["DAFTAR HADIR MUSYAWARAH DESA", SUBJECT, _village_line(data.village)])
    pdf.fields([("Hari, tanggal", data.held_on_text), ("Tempat", data.place),
                ("Agenda", data.agenda)])
    _attendance(pdf, data, blank_rows=blank_rows)
    _signature_columns(pdf, [("Pimpinan musyawarah", data.chair),
                             ("Notulen", data.note_taker)], place_date=_place_date(data))
    return save_pdf(pdf, path)


# --- parts ----------------------------------------------------------------------------------


def _document(data: BeritaAcaraData, title: str) -> VillagePdf:
    pdf = VillagePdf(title=f"{title} {data.village.nama_desa}".strip(),
                     fingerprint=data.sha256, draft=not data.final,
                     training=data.village.training)
    pdf.add_page()
    return pdf


def _village_line(village: VillageIdentity) -> str:
    return (f"Desa {village.nama_desa}, Kecamatan {village.kecamatan}, "
            f"{village.kabupaten}, Provinsi {village.provinsi}")


def _identity(pdf: VillagePdf, data: BeritaAcaraData, title: str, *, marker: str = "") -> None:
    lines = [title, *([marker] if marker else []), SUBJECT, _village_line(data.village)]
    pdf.title_block(lines)
    v = data.village
    pdf.fields([("Kode desa (Kemendagri)", v.kode_desa),
                *([("Kode wilayah BPS", v.kode_bps)] if v.kode_bps else []),
                ("Desa", v.nama_desa), ("Kecamatan", v.kecamatan),
                ("Kabupaten/Kota", v.kabupaten), ("Provinsi", v.provinsi)])


def _attendance(pdf: VillagePdf, data: BeritaAcaraData, *, blank_rows: int) -> None:
    rows = [[str(a.no), a.name, " / ".join(p for p in (a.title, a.role) if p), _sign_spot(a.no)]
            for a in data.attendees]
    start = len(rows) + 1
    rows += [[str(n), "", "", _sign_spot(n)] for n in range(start, start + blank_rows)]
    if not rows:
        pdf.paragraph("Tidak ada daftar hadir.")
        return
    pdf.grid(["No", "Nama", "Jabatan / Unsur", "Tanda tangan"], rows, (7, 38, 30, 25),
             min_row_height=9)


def _sign_spot(no: int) -> str:
    """Signatures zig-zag on the sheet (odd numbers left, even right), the local custom."""
    return f"{no}. ........" if no % 2 else f"                {no}. ........"


def _decisions_and_totals(pdf: VillagePdf, data: BeritaAcaraData, *, first: str) -> None:
    letters = iter("ABCDEFGH"[ord(first) - ord("A"):])
    pdf.heading(f"{next(letters)}. Keputusan atas usulan per rumah tangga", keep=TABLE_KEEP)
    if data.decisions:
        rows = [row for line in data.decisions for row in _decision_rows(line)]
        pdf.grid(["No", "Rumah tangga (kepala rumah tangga)", "Usulan dan perubahan data",
                  "Keputusan", "Alasan / catatan"], rows, (6, 30, 38, 11, 17))
    else:
        pdf.paragraph("Tidak ada usulan perubahan data selain penggantian penerima program.")
    if data.replacements:
        pdf.heading(f"{next(letters)}. Penggantian penerima program (satu keluar, satu masuk)",
                    keep=TABLE_KEEP)
        rows = [[str(r.no), r.programme, _person_text(r.leaving, "Keluar")
                 + (f"\nAlasan: {r.leaving_reason}" if r.leaving_reason else ""),
                 _person_text(r.entering, "Masuk"), r.decision] for r in data.replacements]
        pdf.grid(["No", "Program", "Penerima keluar", "Penerima pengganti (masuk)",
                  "Keputusan"], rows, (6, 16, 34, 34, 11))
    pdf.heading(f"{next(letters)}. Rekapitulasi keputusan", keep=LINE * (len(data.totals) + 4))
    totals = [[t.kind, str(t.approved), str(t.rejected), str(t.deferred), str(t.total)]
              for t in (*data.totals, data.total)]
    pdf.grid(["Jenis usulan", "Setuju", "Ditolak", "Ditunda", "Jumlah"], totals,
             (40, 12, 12, 12, 12), bold_last=True, aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT",
                                                           "RIGHT"))


def _decision_rows(line: DecisionLine) -> list[list[str]]:
    notes = "\n".join(p for p in (
        f"Alasan: {line.reason}" if line.reason else "",
        f"Catatan usulan: {line.note}" if line.note else "",
        f"Catatan MusDes: {line.decision_note}" if line.decision_note else "") if p)
    subject = line.kind
    if line.member is not None:
        subject += "\n" + _person_text(line.member, "Anggota", with_address=False)
    body = "\n".join([subject, *(_change_text(c) for c in line.changes)])
    return [[str(line.no), _person_text(line.household), body, line.decision, notes]]


def _change_text(change: ChangedField) -> str:
    return f"• {change.label}: {change.before} → {change.after}"


def _person_text(person: PersonLine | None, label: str = "", *,
                 with_address: bool = True) -> str:
    if person is None:
        return f"{label}: —" if label else "—"
    lines = [f"{label}: {person.name}" if label else person.name]
    if person.idbdt:
        lines.append(f"IDBDT: {person.idbdt}")
    if person.no_kk:
        lines.append(f"No. KK: {person.no_kk}")
    lines.append(f"NIK: {person.nik or '—'}")
    if with_address and person.address:
        lines.append(person.address)
    return "\n".join(lines)


def _finalised(pdf: VillagePdf, data: BeritaAcaraData) -> None:
    if data.final:
        pdf.paragraph(f"Difinalisasi oleh {data.finalised_by} pada {data.finalised_at_text}. "
                      f"Sidik data (SHA-256) keputusan: {data.sha256}.")
    else:
        pdf.paragraph("DRAF: musyawarah belum difinalisasi oleh Kepala Desa; dokumen ini "
                      "bukan Berita Acara yang sah.", bold=True)


def _place_date(data: BeritaAcaraData) -> str:
    return f"{data.village.nama_desa}, {data.held_on_text.split(', ', 1)[-1]}"


def _signatures(pdf: VillagePdf, data: BeritaAcaraData) -> None:
    _signature_columns(pdf, [("Ketua BPD", data.bpd_chair),
                             (f"Kepala Desa {data.village.nama_desa}", data.chair)],
                       place_date=_place_date(data))
    witnesses = list(data.witnesses) + [""] * max(0, 2 - len(data.witnesses))
    _signature_columns(pdf, [(f"Saksi {n}", name) for n, name in enumerate(witnesses, 1)])


def _sptjm_signature(pdf: VillagePdf, data: BeritaAcaraData) -> None:
    pdf.ensure_space(45)
    width = pdf.usable_width / 2
    x = pdf.l_margin + width
    pdf.set_x(x)
    pdf.multi_cell(w=width, h=LINE, text=f"{_place_date(data)}\nYang membuat pernyataan,\n"
                   f"Kepala Desa {data.village.nama_desa}", align="C", new_x="LEFT")
    pdf.set_font(size=SMALL_PT)
    pdf.set_xy(x + width / 2 - 14, pdf.y + 2)
    pdf.multi_cell(w=28, h=4, text="Meterai\nRp10.000", border=1, align="C")
    pdf.set_font(size=9)
    pdf.set_xy(x, pdf.y + 8)
    pdf.cell(w=width, h=LINE, text=f"( {data.chair or '.' * 30} )", align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _signature_columns(pdf: VillagePdf, blocks: Sequence[tuple[str, str]], *,
                       place_date: str = "") -> None:
    pdf.ensure_space(40)
    width = pdf.usable_width / len(blocks)
    top = pdf.y + 2
    if place_date:
        pdf.set_xy(pdf.l_margin + width * (len(blocks) - 1), top)
        pdf.cell(w=width, h=LINE, text=place_date, align="C")
        top += LINE
    for n, (role, name) in enumerate(blocks):
        x = pdf.l_margin + width * n
        pdf.set_xy(x, top)
        pdf.cell(w=width, h=LINE, text=role, align="C")
        pdf.set_xy(x, top + 22)
        pdf.cell(w=width, h=LINE, text=f"( {name or '.' * 30} )", align="C")
    pdf.set_xy(pdf.l_margin, top + 22 + LINE + 4)


def _annex(pdf: VillagePdf, data: BeritaAcaraData) -> None:
    pdf.add_page(orientation="L")  # 16-digit numbers side by side need the width
    pdf.title_block(["LAMPIRAN: DAFTAR BNBA", "Nama dan alamat anggota rumah tangga yang "
                     f"usulannya diputuskan — {data.held_on_text}"], size=11)
    if not data.annex:
        pdf.paragraph("Tidak ada rumah tangga dalam lampiran.")
        return
    rows = [[str(a.no), a.idbdt, a.no_kk, a.nik, a.name, a.relation, a.sex, a.birth_date,
             a.address] for a in data.annex]
    pdf.grid(["No", "IDBDT", "No. KK", "NIK", "Nama", "Hubungan dgn KRT", "Jenis kelamin",
              "Tgl lahir", "Alamat"], rows, (8, 29, 29, 29, 43, 26, 17, 18, 68), size=7)
