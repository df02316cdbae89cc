"""Household (Ruta) variables of the BDT-2015 / verivali-2020 instrument.

Excel column names are a reconstruction of the district template (domain.md); correct them here.
"""

from __future__ import annotations

from siksdesk.domain.catalogue_help import RUTA_HELP
from siksdesk.domain.variables import (
    YES_NO_12,
    YES_NO_34,
    Code,
    Entity,
    Layout,
    Variable,
    VarType,
    YesNoCodes,
    codes,
    with_help,
)

BDT = Layout.BDT2015.value


def _code(key: str, section: str, lid: str, len_: str, items: tuple[Code, ...], col: str,
          *, required: bool = False) -> Variable:
    return Variable(key, Entity.RUTA, section, lid, len_, VarType.CODE, items,
                    required=required, excel={BDT: col})


def _yesno(key: str, section: str, lid: str, len_: str, scheme: YesNoCodes, col: str) -> Variable:
    return Variable(key, Entity.RUTA, section, lid, len_, VarType.YESNO, yes_no=scheme,
                    excel={BDT: col})


def _count(key: str, section: str, lid: str, len_: str, col: str, maximum: float,
           vtype: VarType = VarType.INT) -> Variable:
    return Variable(key, Entity.RUTA, section, lid, len_, vtype, minimum=0, maximum=maximum,
                    excel={BDT: col})


KONDISI = codes((1, "Bagus/kualitas tinggi", "Good"), (2, "Jelek/kualitas rendah", "Poor"))

STATUS: tuple[Variable, ...] = (
    _code("hasil_verivali", "status", "Hasil verivali", "Verification result", codes(
        (1, "Selesai diverivali", "Verified"), (2, "Ruta tidak ditemukan", "Household not found"),
        (3, "Ruta pindah/bangunan tidak ada", "Moved/building gone"),
        (4, "Bagian dari ruta lain sesuai prelist", "Part of another household"),
        (5, "Data ganda", "Duplicate record")), "Hasil_verivali"),
)

HOUSING: tuple[Variable, ...] = (
    _code("status_bangunan", "perumahan", "Status bangunan", "Building tenure", codes(
        (1, "Milik sendiri", "Owned"), (2, "Kontrak/sewa", "Rented"),
        (3, "Bebas sewa", "Rent-free"), (4, "Dinas", "Official housing"),
        (5, "Lainnya", "Other")), "Sta_bangunan", required=True),
    _code("status_lahan", "perumahan", "Status lahan", "Land tenure", codes(
        (1, "Milik sendiri", "Owned"), (2, "Milik orang lain", "Someone else's"),
        (3, "Tanah negara", "State land"), (4, "Lainnya", "Other")), "Sta_lahan"),
    _count("luas_lantai", "perumahan", "Luas lantai (m²)", "Floor area (m²)", "Luas_lantai",
           2000, VarType.DECIMAL),
    _code("jenis_lantai", "perumahan", "Jenis lantai terluas", "Main floor material", codes(
        (1, "Marmer/granit", "Marble/granite"), (2, "Keramik", "Ceramic"),
        (3, "Parket/vinil/permadani", "Parquet/vinyl/carpet"),
        (4, "Ubin/tegel/teraso", "Tiles/terrazzo"), (5, "Kayu kualitas tinggi", "Good wood"),
        (6, "Semen/bata merah", "Cement/red brick"), (7, "Bambu", "Bamboo"),
        (8, "Kayu kualitas rendah", "Poor wood"), (9, "Tanah", "Earth"),
        (10, "Lainnya", "Other")), "Lantai", required=True),
    _code("jenis_dinding", "perumahan", "Jenis dinding terluas", "Main wall material", codes(
        (1, "Tembok", "Masonry"), (2, "Plesteran anyaman bambu/kawat", "Plastered bamboo/wire"),
        (3, "Kayu", "Wood"), (4, "Anyaman bambu", "Woven bamboo"),
        (5, "Batang kayu", "Logs"), (6, "Bambu", "Bamboo"), (7, "Lainnya", "Other")),
        "Dinding", required=True),
    _code("kondisi_dinding", "perumahan", "Kondisi dinding", "Wall condition", KONDISI,
          "Kondisi_dinding"),
    _code("jenis_atap", "perumahan", "Jenis atap terluas", "Main roof material", codes(
        (1, "Beton", "Concrete"), (2, "Genteng keramik", "Ceramic tiles"),
        (3, "Genteng metal", "Metal tiles"), (4, "Genteng tanah liat", "Clay tiles"),
        (5, "Asbes", "Asbestos"), (6, "Seng", "Zinc sheet"), (7, "Sirap", "Shingles"),
        (8, "Bambu", "Bamboo"), (9, "Jerami/ijuk/daun", "Straw/palm fibre/leaves"),
        (10, "Lainnya", "Other")), "Atap", required=True),
    _code("kondisi_atap", "perumahan", "Kondisi atap", "Roof condition", KONDISI, "Kondisi_atap"),
    _count("jumlah_kamar", "perumahan", "Jumlah kamar tidur", "Bedrooms", "Jumlah_kamar", 50),
    _code("sumber_air_minum", "perumahan", "Sumber air minum", "Drinking water source", codes(
        (1, "Air kemasan bermerk", "Bottled water"), (2, "Air isi ulang", "Refill water"),
        (3, "Leding meteran", "Metered tap"), (4, "Leding eceran", "Retail tap"),
        (5, "Sumur bor/pompa", "Borehole/pump"), (6, "Sumur terlindung", "Protected well"),
        (7, "Sumur tak terlindung", "Unprotected well"),
        (8, "Mata air terlindung", "Protected spring"),
        (9, "Mata air tak terlindung", "Unprotected spring"),
        (10, "Air sungai/danau/waduk", "River/lake/reservoir"), (11, "Air hujan", "Rain water"),
        (12, "Lainnya", "Other")), "Sumber_airminum", required=True),
    _code("cara_peroleh_air", "perumahan", "Cara memperoleh air minum", "How water is obtained",
          codes((1, "Membeli eceran", "Bought retail"), (2, "Langganan", "Subscription"),
                (3, "Tidak membeli", "Not bought")), "Cara_peroleh_airminum"),
    _code("sumber_penerangan", "perumahan", "Sumber penerangan utama", "Main lighting", codes(
        (1, "Listrik PLN", "PLN electricity"), (2, "Listrik non-PLN", "Non-PLN electricity"),
        (3, "Bukan listrik", "No electricity")), "Sumber_penerangan", required=True),
    _code("daya_listrik", "perumahan", "Daya terpasang", "Installed power", codes(
        (1, "450 watt", "450 W"), (2, "900 watt", "900 W"), (3, "1.300 watt", "1,300 W"),
        (4, "2.200 watt", "2,200 W"), (5, "> 2.200 watt", "> 2,200 W"),
        (6, "Tanpa meteran", "No meter")), "Daya"),
    _code("bahan_bakar_masak", "perumahan", "Bahan bakar memasak", "Cooking fuel", codes(
        (1, "Listrik", "Electricity"), (2, "Gas > 3 kg", "Gas > 3 kg"),
        (3, "Gas 3 kg", "Gas 3 kg"), (4, "Gas kota/biogas", "Piped gas/biogas"),
        (5, "Minyak tanah", "Kerosene"), (6, "Briket", "Briquettes"), (7, "Arang", "Charcoal"),
        (8, "Kayu bakar", "Firewood"), (9, "Tidak memasak di rumah", "No cooking at home")),
        "Bb_masak", required=True),
    _code("fasilitas_bab", "perumahan", "Fasilitas tempat BAB", "Toilet facility", codes(
        (1, "Sendiri", "Own"), (2, "Bersama", "Shared"), (3, "Umum", "Public"),
        (4, "Tidak ada", "None")), "Fasbab", required=True),
    _code("jenis_kloset", "perumahan", "Jenis kloset", "Toilet type", codes(
        (1, "Leher angsa", "Gooseneck"), (2, "Plengsengan", "Pour flush"),
        (3, "Cemplung/cubluk", "Pit"), (4, "Tidak pakai", "None")), "Kloset"),
    _code("pembuangan_tinja", "perumahan", "Tempat pembuangan akhir tinja", "Sewage disposal",
          codes((1, "Tangki", "Septic tank"), (2, "SPAL", "Sewer"),
                (3, "Lubang tanah", "Pit in ground"),
                (4, "Kolam/sawah/sungai/danau/laut", "Pond/field/river/sea"),
                (5, "Pantai/tanah lapang/kebun", "Beach/open ground/garden"),
                (6, "Lainnya", "Other")), "Buang_tinja"),
)

# Items a, c, e, ... use 1 = Ya / 2 = Tidak; items b, d, f, ... use 3 = Ya / 4 = Tidak.
_ASSET_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("ada_tabung_gas", "Tabung gas 5,5 kg atau lebih", "Gas cylinder ≥ 5.5 kg",
     "Ada_tabung_gas"),
    ("ada_lemari_es", "Lemari es/kulkas", "Refrigerator", "Ada_lemari_es"),
    ("ada_ac", "AC", "Air conditioner", "Ada_ac"),
    ("ada_pemanas_air", "Pemanas air (water heater)", "Water heater", "Ada_pemanas"),
    ("ada_telepon_rumah", "Telepon rumah (PSTN)", "Landline telephone", "Ada_telepon"),
    ("ada_televisi", "Televisi", "Television", "Ada_tv"),
    ("ada_emas", "Emas/perhiasan min. 10 gram", "Gold/jewellery ≥ 10 g", "Ada_emas"),
    ("ada_komputer", "Komputer/laptop", "Computer/laptop", "Ada_laptop"),
    ("ada_sepeda", "Sepeda", "Bicycle", "Ada_sepeda"),
    ("ada_sepeda_motor", "Sepeda motor", "Motorcycle", "Ada_motor"),
    ("ada_mobil", "Mobil", "Car", "Ada_mobil"),
    ("ada_perahu", "Perahu", "Boat", "Ada_perahu"),
    ("ada_motor_tempel", "Motor tempel", "Outboard motor", "Ada_motor_tempel"),
    ("ada_perahu_motor", "Perahu motor", "Motor boat", "Ada_perahu_motor"),
    ("ada_kapal", "Kapal", "Ship", "Ada_kapal"),
)


def _alternating(items: tuple[tuple[str, str, str, str], ...],
                 section: str) -> tuple[Variable, ...]:
    return tuple(
        _yesno(key, section, lid, len_, YES_NO_12 if index % 2 == 0 else YES_NO_34, col)
        for index, (key, lid, len_, col) in enumerate(items)
    )


ASSETS = (
    *_alternating(_ASSET_ITEMS, "aset"),
    _count("jumlah_hp_aktif", "aset", "Jumlah HP aktif", "Active mobile phones", "Jumlah_hp", 50),
    _count("jumlah_tv_besar", "aset", "Jumlah TV layar datar ≥ 30 inci", "Flat TVs ≥ 30\"",
           "Jumlah_tv_30", 20),
)

LAND: tuple[Variable, ...] = (
    _yesno("ada_lahan", "lahan", "Memiliki lahan", "Owns land", YES_NO_12,
           "Aset_tak_bergerak"),
    _count("luas_lahan", "lahan", "Luas lahan (m²)", "Land area (m²)", "Luas_atb", 10_000_000,
           VarType.DECIMAL),
    _yesno("ada_rumah_lain", "lahan", "Memiliki rumah di tempat lain", "Owns another house",
           YES_NO_34, "Rumah_lain"),
)

LIVESTOCK: tuple[Variable, ...] = (
    _count("jumlah_sapi", "ternak", "Jumlah sapi", "Cattle", "Jumlah_sapi", 10_000),
    _count("jumlah_kerbau", "ternak", "Jumlah kerbau", "Buffalo", "Jumlah_kerbau", 10_000),
    _count("jumlah_kuda", "ternak", "Jumlah kuda", "Horses", "Jumlah_kuda", 10_000),
    _count("jumlah_babi", "ternak", "Jumlah babi", "Pigs", "Jumlah_babi", 10_000),
    _count("jumlah_kambing", "ternak", "Jumlah kambing/domba", "Goats/sheep",
           "Jumlah_kambing_domba", 10_000),
)

BUSINESS: tuple[Variable, ...] = (
    _yesno("ada_usaha", "usaha", "Ada ART yang memiliki usaha", "A member runs a business",
           YES_NO_12, "Sta_art_usaha"),
)

_PROGRAMME_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("prog_kks", "Kartu Keluarga Sejahtera (KKS)/KPS", "KKS/KPS welfare card", "Sta_kks"),
    ("prog_kip", "Kartu Indonesia Pintar (KIP)/BSM", "KIP school aid", "Sta_kip"),
    ("prog_kis", "Kartu Indonesia Sehat (KIS)/PBI-JK", "KIS/PBI health insurance", "Sta_kis"),
    ("prog_bpjs_mandiri", "BPJS Kesehatan mandiri", "Self-paid BPJS health", "Sta_bpjs_mandiri"),
    ("prog_jamsostek", "Jamsostek/BPJS Ketenagakerjaan", "Jamsostek/BPJS employment",
     "Sta_jamsostek"),
    ("prog_asuransi_lain", "Asuransi kesehatan lainnya", "Other health insurance",
     "Sta_asuransi"),
    ("prog_pkh", "Program Keluarga Harapan (PKH)", "PKH conditional cash", "Sta_pkh"),
    ("prog_bpnt", "Rastra/BPNT (Sembako)", "Rastra/BPNT food aid", "Sta_rastra"),
    ("prog_kur", "Kredit Usaha Rakyat (KUR)", "KUR business credit", "Sta_kur"),
)

PROGRAMMES = _alternating(_PROGRAMME_ITEMS, "program_ruta")

RUTA_VARIABLES: tuple[Variable, ...] = with_help(
    STATUS + HOUSING + ASSETS + LAND + LIVESTOCK + BUSINESS + PROGRAMMES, RUTA_HELP
)
