"""The A4 page the village documents share: the embedded DejaVu Sans font (every name prints,
whatever its characters, on every OS), a footer with the data's fingerprint and "Halaman X dari
Y", an optional "DRAF" watermark, the training village's "LATIHAN" watermark and header line
(``training``), headings, label/value blocks and tables whose header row repeats on each page
and whose rows never outgrow a page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from siksdesk.io.export_common import atomic_output
from siksdesk.io.training_mark import KEYWORD, PDF_HEADER, PDF_WATERMARK

FONT_DIR: Final = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FAMILY: Final = "DejaVu"
BODY_PT: Final = 9.0
SMALL_PT: Final = 7.0
MARGIN: Final = 15.0
LINE: Final = 4.6  # mm per line of body text
WATERMARK: Final = "DRAF — belum final"
TRAINING_BAND: Final = 4.0  # mm the training header line adds to the top margin


class VillagePdf(FPDF):
    """A4 portrait; ``fingerprint`` is printed small in every page's footer."""

    def __init__(self, *, title: str, fingerprint: str = "", draft: bool = False,
                 training: bool = False) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.fingerprint, self.draft, self.training = fingerprint, draft, training
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        # The training header line sits in the top margin, above the page's text.
        self.set_margins(MARGIN, MARGIN + (TRAINING_BAND if training else 0), MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 6)
        self.set_title(f"{KEYWORD} — {title}" if training else title)
        if training:
            self.set_subject(PDF_HEADER)
            self.set_keywords(KEYWORD)
        self.set_creator("siksdesk")
        self.set_font(FAMILY, size=BODY_PT)

    @property
    def usable_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def header(self) -> None:
        if self.training:
            self._training_marks()
        if self.draft:
            self._watermark(WATERMARK, (215, 215, 215), shift=26 if self.training else 0,
                            span=0.62)
        self.set_xy(self.l_margin, self.t_margin)

    def _watermark(self, text: str, colour: tuple[int, int, int], *, shift: float = 0,
                   span: float = 0.0, **size: float) -> None:
        """Diagonal text across the page's middle (``shift`` mm down the diagonal). Its size:
        ``span``, the share of the page's diagonal the text covers, or ``font_size_pt``."""
        if span:
            with self.local_context(font_family=FAMILY, font_style="B", font_size_pt=100):
                width = self.get_string_width(text)
            size = {"font_size_pt": 100 * span * math.hypot(self.w, self.h) / width}
        with self.local_context(font_family=FAMILY, font_style="B", text_color=colour,
                                **size), \
                self.rotation(angle=50, x=self.w / 2, y=self.h / 2):
            self.set_xy(0, self.h / 2 - 10 + shift)
            self.cell(w=self.w, h=20, text=text, align=Align.C)

    def _training_marks(self) -> None:
        """The training village's pages: a red band with the header line on top and a large
        diagonal LATIHAN watermark (drawn first: the page's text prints over it)."""
        self._watermark(PDF_WATERMARK, (249, 212, 212), shift=-22 if self.draft else 0,
                        font_size_pt=110)
        with self.local_context(font_family=FAMILY, font_style="B", font_size_pt=SMALL_PT + 2,
                                text_color=(255, 255, 255), fill_color=(192, 0, 0)):
            self.set_xy(MARGIN, MARGIN - 6)
            self.cell(w=self.w - 2 * MARGIN, h=6, text=PDF_HEADER, align=Align.C, fill=True)

    def footer(self) -> None:
        self.set_y(-(MARGIN + 2))
        with self.local_context(font_family=FAMILY, font_style="", font_size_pt=SMALL_PT,
                                text_color=(90, 90, 90)):
            if self.fingerprint:
                label = "Sidik data (draf)" if self.draft else "Sidik data"
                self.cell(w=self.usable_width * 0.8, h=4,
                          text=f"{label}: SHA-256 {self.fingerprint} ")
            else:
                self.cell(w=self.usable_width * 0.8, h=4, text="")
            self.cell(w=self.usable_width * 0.2, h=4,
                      text=f"Halaman {self.page_no()} dari {{nb}}", align=Align.R)

    # --- text -----------------------------------------------------------------------------

    def title_block(self, lines: Sequence[str], *, size: float = 13) -> None:
        for n, text in enumerate(lines):
            self.set_font(FAMILY, "B" if n == 0 else "", size if n == 0 else BODY_PT + 1)
            self.multi_cell(w=self.usable_width, h=LINE + (1.5 if n == 0 else 0), text=text,
                            align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY_PT)
        self.ln(2)

    def heading(self, text: str, *, keep: float = LINE * 4) -> None:
        """A section heading, moved to the next page unless ``keep`` mm fit below it (so a
        table's first rows stay with their heading)."""
        self.ensure_space(keep)
        self.ln(2)
        self.set_font(FAMILY, "B", BODY_PT + 1)
        self.multi_cell(w=self.usable_width, h=LINE + 1, text=text, new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY_PT)
        self.ln(1)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", BODY_PT)
        self.multi_cell(w=self.usable_width, h=LINE, text=text, align=Align.J,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", BODY_PT)
        self.ln(1)

    def fields(self, pairs: Sequence[tuple[str, str]], *, label_width: float = 42) -> None:
        """``Label : value`` lines; long values wrap under themselves."""
        for label, value in pairs:
            self.ensure_space(LINE)
            self.cell(w=label_width, h=LINE, text=label)
            self.cell(w=4, h=LINE, text=":")
            self.multi_cell(w=self.usable_width - label_width - 4, h=LINE, text=value or "—",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def ensure_space(self, height: float) -> None:
        if self.y + height > self.page_break_trigger:
            self.add_page()

    # --- tables ---------------------------------------------------------------------------

    def grid(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
             widths: Sequence[float], *, size: float = BODY_PT - 1,
             min_row_height: float = 0, bold_last: bool = False,
             aligns: Sequence[str] | None = None) -> None:
        """A bordered table at full width (``widths`` are relative). Text wraps inside its
        cell; the heading row starts every page the table reaches; a row that does not fit
        below moves to the next page, and one taller than a page continues there.

        Drawn by hand rather than with ``FPDF.table``: that lays every cell out twice and
        made a 30-page Berita Acara ten times slower than writing its text as plain lines."""
        total = sum(widths)
        table = _Grid(self, [self.usable_width * w / total for w in widths], size,
                      min_row_height, aligns or ["LEFT"] * len(widths))
        table.heading = table.layout(headings, bold=True)
        table.start()
        for n, values in enumerate(rows):
            table.row(table.layout(values, bold=bold_last and n == len(rows) - 1))
        self.set_font(FAMILY, "", BODY_PT)
        self.set_xy(self.l_margin, self.y + 2)


class _Grid:
    PAD_X: Final = 1.0
    PAD_Y: Final = 0.8

    def __init__(self, pdf: VillagePdf, columns: list[float], size: float, min_height: float,
                 aligns: Sequence[str]) -> None:
        self.pdf, self.columns, self.size, self.min_height = pdf, columns, size, min_height
        self.aligns = [Align.coerce(a) for a in aligns]
        self.line = size * 0.45  # mm per line
        self.heading: tuple[list[list[str]], bool] = ([], True)

    def layout(self, values: Sequence[str], *, bold: bool) -> tuple[list[list[str]], bool]:
        """Each cell's text cut into the lines that fit its width."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", self.size)
        cells = []
        for text, width in zip(values, self.columns, strict=True):
            inner = width - 2 * self.PAD_X
            cells.append([line for part in text.split("\n") for line in self.wrap(part, inner)])
        return cells, bold

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap (a word wider than the cell is cut between characters); about
        ten times quicker than ``multi_cell(dry_run=True)``, which re-measures every glyph."""
        measure = self.pdf.get_string_width
        if measure(text) <= width:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while measure(current) > width and len(current) > 1:
                cut = next(n for n in range(len(current), 0, -1)
                           if n == 1 or measure(current[:n]) <= width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
        return lines

    def start(self) -> None:
        head_height = self.height(self.heading[0])
        if self.pdf.y + head_height + self.line * 3 > self.pdf.page_break_trigger:
            self.new_page()
        else:
            self.draw(self.heading, fill=True)

    def new_page(self) -> None:
        self.pdf.add_page(orientation=self.pdf.cur_orientation.value)
        self.draw(self.heading, fill=True)

    def height(self, cells: list[list[str]]) -> float:
        lines = max((len(c) for c in cells), default=1)
        return max(lines * self.line + 2 * self.PAD_Y, self.min_height)

    def row(self, laid_out: tuple[list[list[str]], bool]) -> None:
        cells, bold = laid_out
        pdf = self.pdf
        if pdf.y + self.height(cells) > pdf.page_break_trigger:
            self.new_page()
        while True:  # a row taller than what is left of a page continues on the next
            room = int((pdf.page_break_trigger - pdf.y - 2 * self.PAD_Y) // self.line)
            if max(len(c) for c in cells) <= room:
                self.draw((cells, bold))
                return
            self.draw(([c[:room] for c in cells], bold))
            cells = [c[room:] for c in cells]
            self.new_page()

    def draw(self, laid_out: tuple[list[list[str]], bool], *, fill: bool = False) -> None:
        cells, bold = laid_out
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold or fill else "", self.size)
        top, height, x = pdf.y, self.height(cells), pdf.l_margin
        if fill:
            pdf.set_fill_color(225, 225, 225)
        for lines, width, align in zip(cells, self.columns, self.aligns, strict=True):
            pdf.rect(x, top, width, height, style="DF" if fill else "D")
            right = align is Align.R and not fill
            for n, text in enumerate(lines):
                # text() is much lighter than cell(); the baseline sits where cell() puts it
                shift = width - 2 * self.PAD_X - pdf.get_string_width(text) if right else 0
                pdf.text(x + self.PAD_X + shift, top + self.PAD_Y + (n + 0.5) * self.line
                         + 0.3 * pdf.font_size, text)
            x += width
        pdf.set_xy(pdf.l_margin, top + height)


def save_pdf(pdf: FPDF, target: Path) -> Path:
    """Write ``pdf`` atomically: a temp name in the target's folder, fsync, rename
    (``ExportError`` naming the file on OS errors); the target is the old file or the new."""
    with atomic_output(target) as temp:
        pdf.output(str(temp))
    return target
