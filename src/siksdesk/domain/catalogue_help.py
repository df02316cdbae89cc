"""Short explanations of the catalogue variables (Indonesian, English) for tooltips and the
"Daftar isian" chapter of the guide. One entry per variable key of ``catalogue_ruta`` and
``catalogue_art``; a test keeps the two in step. Source: the BDT-2015 / verivali-2020 instrument
as summarised in domain.md. Code lists are not repeated here: the tooltip shows them from the
catalogue itself."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

Texts = tuple[str, str]  # (Indonesian, English)


def _owns(id_item: str, en_item: str) -> Texts:
    return (f"Apakah rumah tangga memiliki {id_item}?",
            f"Does the household own {en_item}?")


def _count(id_item: str, en_item: str) -> Texts:
    return (f"Jumlah {id_item} yang dimiliki rumah tangga (0 bila tidak ada).",
            f"Number of {en_item} the household owns (0 if none).")


def _programme(id_name: str, en_name: str) -> Texts:
    return (f"Apakah rumah tangga menerima atau memiliki {id_name}?",
            f"Does the household receive or hold {en_name}?")


_RUTA: dict[str, Texts] = {
    "hasil_verivali": (
        "Hasil kunjungan verivali ke rumah tangga ini. Kode 2–5 berarti ruta tidak dapat "
        "diverifikasi seperti di daftar awal (prelist).",
        "Result of the verification visit to this household. Codes 2–5 mean the household "
        "could not be verified as listed in the prelist."),
    "status_bangunan": (
        "Status penguasaan bangunan tempat tinggal yang ditempati rumah tangga.",
        "Who holds the building the household lives in."),
    "status_lahan": (
        "Status penguasaan lahan tempat bangunan tempat tinggal berdiri.",
        "Who holds the land the dwelling stands on."),
    "luas_lantai": (
        "Luas lantai bangunan tempat tinggal dalam meter persegi (hanya bagian yang dipakai "
        "rumah tangga ini).",
        "Floor area of the dwelling in square metres (only the part this household uses)."),
    "jenis_lantai": (
        "Bahan lantai yang paling luas di bangunan tempat tinggal.",
        "The material that covers most of the floor."),
    "jenis_dinding": (
        "Bahan dinding yang paling luas di bangunan tempat tinggal.",
        "The material of most of the walls."),
    "kondisi_dinding": (
        "Keadaan dinding terluas: bagus/kualitas tinggi atau jelek/kualitas rendah.",
        "State of the main walls: good or poor."),
    "jenis_atap": (
        "Bahan atap yang paling luas di bangunan tempat tinggal.",
        "The material of most of the roof."),
    "kondisi_atap": (
        "Keadaan atap terluas: bagus/kualitas tinggi atau jelek/kualitas rendah.",
        "State of the main roof: good or poor."),
    "jumlah_kamar": (
        "Banyaknya ruangan yang dipakai untuk tidur oleh rumah tangga ini.",
        "Number of rooms this household uses for sleeping."),
    "sumber_air_minum": (
        "Sumber utama air yang diminum rumah tangga.",
        "The household's main source of drinking water."),
    "cara_peroleh_air": (
        "Cara rumah tangga memperoleh air minum: membeli eceran, berlangganan, atau tidak "
        "membeli.",
        "How the household gets its drinking water: bought retail, by subscription, or not "
        "bought."),
    "sumber_penerangan": (
        "Sumber penerangan utama rumah: listrik PLN, listrik non-PLN, atau bukan listrik.",
        "Main lighting: PLN grid electricity, other electricity, or none."),
    "daya_listrik": (
        "Daya listrik PLN yang terpasang di meteran (watt). Isi hanya bila sumber penerangan "
        "listrik PLN.",
        "Installed PLN power at the meter (watts). Only when lighting is PLN electricity."),
    "bahan_bakar_masak": (
        "Bahan bakar atau energi utama untuk memasak.",
        "Main fuel or energy used for cooking."),
    "fasilitas_bab": (
        "Tempat buang air besar yang dipakai: sendiri, bersama, umum, atau tidak ada.",
        "Toilet used: own, shared, public, or none."),
    "jenis_kloset": (
        "Jenis kloset yang dipakai rumah tangga.",
        "Type of toilet the household uses."),
    "pembuangan_tinja": (
        "Tempat pembuangan akhir tinja dari kloset rumah tangga.",
        "Where the toilet waste finally goes."),
    "ada_tabung_gas": _owns("tabung gas 5,5 kg atau lebih", "a gas cylinder of 5.5 kg or more"),
    "ada_lemari_es": _owns("lemari es/kulkas", "a refrigerator"),
    "ada_ac": _owns("AC (pendingin ruangan)", "an air conditioner"),
    "ada_pemanas_air": _owns("pemanas air (water heater)", "a water heater"),
    "ada_telepon_rumah": _owns("telepon rumah (PSTN)", "a landline telephone"),
    "ada_televisi": _owns("televisi", "a television"),
    "ada_emas": _owns("emas atau perhiasan seberat 10 gram atau lebih",
                      "gold or jewellery of 10 grams or more"),
    "ada_komputer": _owns("komputer atau laptop", "a computer or laptop"),
    "ada_sepeda": _owns("sepeda", "a bicycle"),
    "ada_sepeda_motor": _owns("sepeda motor", "a motorcycle"),
    "ada_mobil": _owns("mobil", "a car"),
    "ada_perahu": _owns("perahu", "a boat"),
    "ada_motor_tempel": _owns("motor tempel", "an outboard motor"),
    "ada_perahu_motor": _owns("perahu motor", "a motor boat"),
    "ada_kapal": _owns("kapal", "a ship"),
    "jumlah_hp_aktif": (
        "Jumlah telepon genggam (HP) yang aktif dipakai anggota rumah tangga.",
        "Number of mobile phones in active use by household members."),
    "jumlah_tv_besar": (
        "Jumlah televisi layar datar berukuran 30 inci atau lebih.",
        "Number of flat-screen televisions of 30 inches or more."),
    "ada_lahan": (
        "Apakah rumah tangga memiliki lahan (tanah) selain yang ditempati rumah ini?",
        "Does the household own land other than the plot of this house?"),
    "luas_lahan": (
        "Luas lahan yang dimiliki, dalam meter persegi. Isi bila memiliki lahan.",
        "Area of the land owned, in square metres. Fill in when the household owns land."),
    "ada_rumah_lain": (
        "Apakah rumah tangga memiliki rumah di tempat lain?",
        "Does the household own a house somewhere else?"),
    "jumlah_sapi": _count("sapi", "cattle"),
    "jumlah_kerbau": _count("kerbau", "buffalo"),
    "jumlah_kuda": _count("kuda", "horses"),
    "jumlah_babi": _count("babi", "pigs"),
    "jumlah_kambing": _count("kambing dan domba", "goats and sheep"),
    "ada_usaha": (
        "Apakah ada anggota rumah tangga yang memiliki atau mengelola usaha sendiri?",
        "Does any household member own or run a business?"),
    "prog_kks": _programme("Kartu Keluarga Sejahtera (KKS) atau KPS",
                           "the KKS/KPS welfare card"),
    "prog_kip": _programme("Kartu Indonesia Pintar (KIP) atau BSM", "KIP/BSM school aid"),
    "prog_kis": _programme("KIS/PBI-JK (iuran jaminan kesehatan dibayar pemerintah)",
                           "KIS/PBI-JK (health insurance paid by the government)"),
    "prog_bpjs_mandiri": (
        "Apakah ada anggota yang ikut BPJS Kesehatan dengan iuran sendiri (mandiri)?",
        "Does any member have BPJS health insurance paid by themselves?"),
    "prog_jamsostek": (
        "Apakah ada anggota yang ikut Jamsostek/BPJS Ketenagakerjaan?",
        "Does any member have Jamsostek/BPJS employment insurance?"),
    "prog_asuransi_lain": (
        "Apakah ada anggota yang punya asuransi kesehatan lain?",
        "Does any member have other health insurance?"),
    "prog_pkh": _programme("bantuan Program Keluarga Harapan (PKH)",
                           "PKH conditional cash transfers"),
    "prog_bpnt": _programme("bantuan pangan Rastra/BPNT (Sembako)",
                            "Rastra/BPNT (Sembako) food aid"),
    "prog_kur": (
        "Apakah rumah tangga mendapat Kredit Usaha Rakyat (KUR)?",
        "Does the household have a KUR small-business loan?"),
}

_ART: dict[str, Texts] = {
    "keberadaan": (
        "Keberadaan anggota saat verivali. Meninggal, pindah atau tidak ditemukan: ajukan "
        "penonaktifan sebagai usulan untuk MusDes.",
        "Whether the member is still there at verification. Deceased, moved or not found: "
        "propose deactivation for the MusDes."),
    "nama_ibu_kandung": (
        "Nama gadis ibu kandung. Wajib untuk pencocokan data dengan Dukcapil.",
        "The mother's maiden name. Required for matching with the civil registry (Dukcapil)."),
    "hubungan_krt": (
        "Hubungan dengan kepala rumah tangga. Satu rumah tangga mempunyai tepat satu kepala "
        "(kode 1).",
        "Relation to the head of household. A household has exactly one head (code 1)."),
    "hubungan_kk": (
        "Hubungan dengan kepala keluarga seperti tertulis di Kartu Keluarga.",
        "Relation to the head of family as written on the family card (KK)."),
    "jenis_kelamin": (
        "Jenis kelamin. Harus cocok dengan NIK: tanggal lahir perempuan di NIK ditambah 40.",
        "Sex. Must agree with the NIK: a woman's birth day in the NIK has 40 added."),
    "tanggal_lahir": (
        "Tanggal lahir seperti di KTP/KK (hari-bulan-tahun). Harus cocok dengan digit 7–12 "
        "NIK.",
        "Date of birth as on the ID card or KK (day-month-year). Must agree with digits 7–12 "
        "of the NIK."),
    "tempat_lahir": ("Tempat lahir seperti di KTP/KK.", "Place of birth as on the ID card/KK."),
    "umur": (
        "Umur dalam tahun penuh pada saat verivali.",
        "Age in completed years at the time of verification."),
    "status_kawin": ("Status perkawinan saat ini.", "Current marital status."),
    "ada_akta_nikah": (
        "Apakah memiliki akta/buku nikah atau akta cerai? Ditanyakan bila pernah kawin.",
        "Holds a marriage book or divorce certificate? Asked of people ever married."),
    "tercantum_di_kk": (
        "Apakah anggota ini tercantum dalam Kartu Keluarga rumah tangga ini?",
        "Is this member listed on the household's family card (KK)?"),
    "kartu_identitas": (
        "Kartu identitas yang dimiliki; boleh lebih dari satu.",
        "Identity documents held; more than one may be ticked."),
    "hamil": ("Apakah sedang hamil? Hanya untuk perempuan.", "Currently pregnant? Women only."),
    "disabilitas": ("Jenis disabilitas yang dialami (0 bila tidak ada).",
                    "Kind of disability (0 if none)."),
    "penyakit_kronis": ("Penyakit kronis/menahun yang diderita (0 bila tidak ada).",
                        "Chronic illness (0 if none)."),
    "partisipasi_sekolah": (
        "Apakah tidak/belum pernah sekolah, masih sekolah, atau tidak bersekolah lagi.",
        "Never attended school, still attending, or no longer attending."),
    "pendidikan_tertinggi": (
        "Jenjang pendidikan tertinggi yang pernah atau sedang diduduki.",
        "Highest level of schooling attended or being attended."),
    "kelas_tertinggi": (
        "Kelas tertinggi yang pernah atau sedang diduduki di jenjang itu (1–8).",
        "Highest grade attended at that level (1–8)."),
    "ijazah_tertinggi": ("Ijazah tertinggi yang dimiliki.", "Highest certificate obtained."),
    "bekerja": (
        "Apakah bekerja atau membantu bekerja paling sedikit satu jam selama seminggu "
        "terakhir?",
        "Worked, or helped with work, for at least one hour in the past week?"),
    "jam_kerja": (
        "Jumlah jam kerja seluruhnya selama seminggu terakhir.",
        "Total hours worked in the past week."),
    "lapangan_usaha": (
        "Bidang usaha dari pekerjaan utama.",
        "Industry of the main job."),
    "status_pekerjaan": (
        "Kedudukan dalam pekerjaan utama.",
        "Position in the main job."),
    "prog_kip_art": (
        "Apakah anggota ini penerima Kartu Indonesia Pintar (KIP)?",
        "Does this member receive the KIP school aid?"),
    "prog_kis_art": (
        "Apakah anggota ini penerima KIS/PBI-JK?",
        "Is this member covered by KIS/PBI-JK health insurance?"),
}

RUTA_HELP: Final[Mapping[str, Texts]] = MappingProxyType(_RUTA)
ART_HELP: Final[Mapping[str, Texts]] = MappingProxyType(_ART)
