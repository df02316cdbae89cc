"""Member (ART) variables of the BDT-2015 / verivali-2020 instrument.

Identity columns that are not plain catalogue values (nama, NIK, No. KK, tanggal lahir, nama ibu
kandung, keberadaan) live on the model itself; the catalogue covers the coded questionnaire items.
"""

from __future__ import annotations

from siksdesk.domain.catalogue_help import ART_HELP
from siksdesk.domain.variables import (
    YES_NO_12,
    Code,
    Entity,
    Layout,
    Variable,
    VarType,
    codes,
    with_help,
)

BDT = Layout.BDT2015.value


def _code(key: str, section: str, lid: str, len_: str, items: tuple[Code, ...], col: str,
          *, required: bool = False) -> Variable:
    return Variable(key, Entity.ART, section, lid, len_, VarType.CODE, items, required=required,
                    excel={BDT: col})


def _yesno(key: str, section: str, lid: str, len_: str, col: str) -> Variable:
    return Variable(key, Entity.ART, section, lid, len_, VarType.YESNO, yes_no=YES_NO_12,
                    excel={BDT: col})


HUBUNGAN = codes(
    (1, "Kepala rumah tangga", "Head of household"), (2, "Istri/suami", "Spouse"),
    (3, "Anak", "Child"), (4, "Menantu", "Child-in-law"), (5, "Cucu", "Grandchild"),
    (6, "Orang tua/mertua", "Parent/parent-in-law"), (7, "Pembantu ruta", "Domestic worker"),
    (8, "Lainnya", "Other"))

HUBUNGAN_KK = codes(
    (1, "Kepala keluarga", "Head of family"), (2, "Istri/suami", "Spouse"), (3, "Anak", "Child"),
    (4, "Menantu", "Child-in-law"), (5, "Cucu", "Grandchild"),
    (6, "Orang tua/mertua", "Parent/parent-in-law"), (7, "Pembantu", "Domestic worker"),
    (8, "Lainnya", "Other"))

IDENTITY: tuple[Variable, ...] = (
    _code("hubungan_krt", "identitas", "Hubungan dengan kepala rumah tangga",
          "Relation to household head", HUBUNGAN, "Hub_KRT", required=True),
    _code("hubungan_kk", "identitas", "Hubungan dengan kepala keluarga",
          "Relation to family head", HUBUNGAN_KK, "Hub_KK"),
    _code("jenis_kelamin", "identitas", "Jenis kelamin", "Sex",
          codes((1, "Laki-laki", "Male"), (2, "Perempuan", "Female")), "JNS_KEL", required=True),
    Variable("tanggal_lahir", Entity.ART, "identitas", "Tanggal lahir", "Date of birth",
             VarType.DATE, excel={BDT: "Tgl_lahir"}),
    Variable("tempat_lahir", Entity.ART, "identitas", "Tempat lahir", "Place of birth",
             VarType.TEXT, max_length=80, excel={BDT: "Tmp_lahir"}),
    Variable("umur", Entity.ART, "identitas", "Umur (tahun)", "Age (years)", VarType.INT,
             minimum=0, maximum=120, excel={BDT: "Umur"}),
    _code("status_kawin", "identitas", "Status perkawinan", "Marital status", codes(
        (1, "Belum kawin", "Never married"), (2, "Kawin/nikah", "Married"),
        (3, "Cerai hidup", "Divorced"), (4, "Cerai mati", "Widowed")), "Sta_kawin",
        required=True),
    _yesno("ada_akta_nikah", "identitas", "Memiliki akta/buku nikah atau akta cerai",
           "Has marriage/divorce certificate", "Ada_akta_nikah"),
    _yesno("tercantum_di_kk", "identitas", "Tercantum dalam Kartu Keluarga", "Listed on the KK",
           "Ada_diKK"),
    Variable("kartu_identitas", Entity.ART, "identitas", "Kartu identitas yang dimiliki",
             "Identity documents held", VarType.FLAGS,
             codes((1, "Akta kelahiran", "Birth certificate"),
                   (2, "Kartu pelajar", "Student card"), (4, "KTP", "ID card (KTP)"),
                   (8, "SIM", "Driving licence")), excel={BDT: "Ada_kartu_identitas"}),
)

STATUS: tuple[Variable, ...] = (
    _code("keberadaan", "identitas", "Keberadaan ART", "Member presence", codes(
        (1, "Tinggal bersama", "Lives here"), (2, "Meninggal", "Deceased"),
        (3, "Pindah dalam negeri", "Moved within Indonesia"),
        (4, "Pindah ke luar negeri", "Moved abroad"), (5, "Anggota baru", "New member"),
        (6, "Tidak ditemukan", "Not found")), "Sta_keberadaan_art"),
    Variable("nama_ibu_kandung", Entity.ART, "identitas", "Nama gadis ibu kandung",
             "Mother's maiden name", VarType.TEXT, required=True, max_length=80,
             excel={BDT: "Nama_ibu_kandung"}),
)

HEALTH: tuple[Variable, ...] = (
    _yesno("hamil", "kesehatan", "Sedang hamil", "Pregnant", "Sta_hamil"),
    _code("disabilitas", "kesehatan", "Jenis disabilitas", "Disability", codes(
        (0, "Tidak ada", "None"), (1, "Tuna daksa/cacat tubuh", "Physical"),
        (2, "Tuna netra/buta", "Blind"), (3, "Tuna rungu", "Deaf"), (4, "Tuna wicara", "Mute"),
        (5, "Tuna rungu dan wicara", "Deaf and mute"),
        (6, "Tuna netra dan cacat tubuh", "Blind and physical"),
        (7, "Tuna netra, rungu dan wicara", "Blind, deaf and mute"),
        (8, "Tuna rungu, wicara dan cacat tubuh", "Deaf, mute and physical"),
        (9, "Tuna rungu, wicara, netra dan cacat tubuh", "Deaf, mute, blind and physical"),
        (10, "Cacat mental retardasi", "Intellectual"),
        (11, "Mantan penderita gangguan jiwa", "Former mental illness"),
        (12, "Cacat fisik dan mental", "Physical and mental")), "Jenis_cacat"),
    _code("penyakit_kronis", "kesehatan", "Penyakit kronis/menahun", "Chronic illness", codes(
        (0, "Tidak ada", "None"), (1, "Hipertensi", "Hypertension"), (2, "Rematik", "Rheumatism"),
        (3, "Asma", "Asthma"), (4, "Masalah jantung", "Heart disease"),
        (5, "Diabetes", "Diabetes"), (6, "TBC", "Tuberculosis"), (7, "Stroke", "Stroke"),
        (8, "Kanker/tumor", "Cancer"), (9, "Lainnya", "Other")), "Penyakit_kronis"),
)

EDUCATION: tuple[Variable, ...] = (
    _code("partisipasi_sekolah", "pendidikan", "Partisipasi sekolah", "School participation",
          codes((0, "Tidak/belum pernah sekolah", "Never attended"),
                (1, "Masih sekolah", "Attending"), (2, "Tidak bersekolah lagi", "Left school")),
          "Partisipasi_sekolah"),
    _code("pendidikan_tertinggi", "pendidikan", "Jenjang pendidikan tertinggi",
          "Highest level attended", codes(
              (1, "SD/SDLB", "Primary"), (2, "Paket A", "Package A"),
              (3, "M. Ibtidaiyah", "Islamic primary"), (4, "SMP/SMPLB", "Junior secondary"),
              (5, "Paket B", "Package B"), (6, "M. Tsanawiyah", "Islamic junior secondary"),
              (7, "SMA/SMK/SMALB", "Senior secondary"), (8, "Paket C", "Package C"),
              (9, "M. Aliyah", "Islamic senior secondary"),
              (10, "Perguruan tinggi", "Higher education")), "Pendidikan_tertinggi"),
    Variable("kelas_tertinggi", Entity.ART, "pendidikan", "Kelas tertinggi", "Highest grade",
             VarType.INT, minimum=1, maximum=8, excel={BDT: "Kelas_tertinggi"}),
    _code("ijazah_tertinggi", "pendidikan", "Ijazah tertinggi", "Highest certificate", codes(
        (0, "Tidak punya ijazah", "None"), (1, "SD/sederajat", "Primary"),
        (2, "SMP/sederajat", "Junior secondary"), (3, "SMA/sederajat", "Senior secondary"),
        (4, "D1/D2/D3", "Diploma"), (5, "D4/S1", "Bachelor"), (6, "S2/S3", "Postgraduate")),
          "Ijazah_tertinggi"),
)

WORK: tuple[Variable, ...] = (
    _yesno("bekerja", "pekerjaan", "Bekerja/membantu bekerja seminggu terakhir",
           "Worked in the past week", "Sta_Bekerja"),
    Variable("jam_kerja", Entity.ART, "pekerjaan", "Jumlah jam kerja seminggu",
             "Hours worked per week", VarType.INT, minimum=0, maximum=98,
             excel={BDT: "Jumlah_jamkerja"}),
    _code("lapangan_usaha", "pekerjaan", "Lapangan usaha pekerjaan utama", "Main industry", codes(
        (1, "Pertanian tanaman padi & palawija", "Rice and secondary crops"),
        (2, "Hortikultura", "Horticulture"), (3, "Perkebunan", "Plantation"),
        (4, "Perikanan tangkap", "Capture fishery"), (5, "Perikanan budidaya", "Aquaculture"),
        (6, "Peternakan", "Livestock"), (7, "Kehutanan & pertanian lainnya", "Forestry, other"),
        (8, "Pertambangan/penggalian", "Mining/quarrying"),
        (9, "Industri pengolahan", "Manufacturing"), (10, "Listrik dan gas", "Electricity/gas"),
        (11, "Bangunan/konstruksi", "Construction"), (12, "Perdagangan", "Trade"),
        (13, "Hotel & rumah makan", "Hotels and restaurants"),
        (14, "Transportasi & pergudangan", "Transport and storage"),
        (15, "Informasi & komunikasi", "Information and communication"),
        (16, "Keuangan & asuransi", "Finance and insurance"),
        (17, "Jasa pendidikan", "Education services"), (18, "Jasa kesehatan", "Health services"),
        (19, "Jasa kemasyarakatan, pemerintahan & perorangan", "Public and personal services"),
        (20, "Pemulung", "Scavenger"), (21, "Lainnya", "Other")), "Lapangan_usaha"),
    _code("status_pekerjaan", "pekerjaan", "Status kedudukan dalam pekerjaan utama",
          "Employment status", codes(
              (1, "Berusaha sendiri", "Own-account"),
              (2, "Berusaha dibantu buruh tidak tetap/tidak dibayar",
               "Employer with temporary/unpaid help"),
              (3, "Berusaha dibantu buruh tetap/dibayar", "Employer with paid workers"),
              (4, "Buruh/karyawan/pegawai swasta", "Private employee"),
              (5, "PNS/TNI/Polri/BUMN/BUMD/anggota legislatif", "Civil servant/military/police"),
              (6, "Pekerja bebas pertanian", "Casual farm worker"),
              (7, "Pekerja bebas non-pertanian", "Casual non-farm worker"),
              (8, "Pekerja keluarga/tidak dibayar", "Unpaid family worker")),
          "Status_pekerjaan"),
)

PROGRAMMES: tuple[Variable, ...] = (
    _yesno("prog_kip_art", "program_art", "Penerima KIP", "KIP recipient", "Sta_kip_art"),
    _yesno("prog_kis_art", "program_art", "Penerima KIS/PBI-JK", "KIS/PBI recipient",
           "Sta_kis_art"),
)

ART_VARIABLES: tuple[Variable, ...] = with_help(
    STATUS + IDENTITY + HEALTH + EDUCATION + WORK + PROGRAMMES, ART_HELP)
