"""Village data for UI tests: the demo builder when it is available, else rows inserted directly
(deterministic, no Faker) through the models and a unit of work."""

from __future__ import annotations

import random

from siksdesk.app import AppContext
from siksdesk.db.session import unit_of_work
from siksdesk.models import Art, Keluarga, Ruta, VillageProfile
from siksdesk.services.households import VillageSummary


def _demo_available() -> bool:
    try:
        from siksdesk.demo import DemoCancelled, build_demo_village  # noqa: F401
    except ImportError:
        return False
    return True


DEMO_AVAILABLE = _demo_available()

_FIRST = ("Sutrisno", "Siti", "Ahmad", "Sri", "Bambang", "Wati", "Joko", "Yuli", "Agus", "Rina")
_LAST = ("Wahyudi", "Rahayu", "Santoso", "Lestari", "Hidayat", "Susanti", "Purnomo", "Utami")
_DUSUN = ("Krajan", "Sumberejo", "Ngasem", "Tegalrejo")


def make_village(ctx: AppContext, *, people: int) -> VillageSummary:
    if DEMO_AVAILABLE:
        from siksdesk.demo import build_demo_village

        return build_demo_village(ctx, people=people)
    return insert_village(ctx, people=people)


def insert_village(ctx: AppContext, *, people: int, seed: int = 7) -> VillageSummary:
    rng = random.Random(seed)
    households = 0
    persons = 0
    with unit_of_work(ctx.sessions, "ui-tests") as session:
        session.add(VillageProfile(kode_desa="3522012001", nama_desa="Sukamaju",
                                   nama_kecamatan="Ngraho", nama_kabupaten="Kab. Bojonegoro",
                                   nama_provinsi="Jawa Timur", is_demo=True))
        while persons < people:
            households += 1
            size = min(rng.randint(1, 6), people - persons)
            dusun = rng.choice(_DUSUN)
            rt, rw = f"{rng.randint(1, 12):03d}", f"{rng.randint(1, 4):03d}"
            ruta = Ruta(no_urut=households, alamat=f"Dsn. {dusun} RT {rt} RW {rw}",
                        dusun=dusun, rt=rt, rw=rw, hasil_verivali=rng.choice((None, 1, 2, 5)))
            family = Keluarga(no_kk=f"352201{households:010d}")
            for member in range(size):
                persons += 1
                name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                family.anggota.append(Art(no_urut=member + 1, nama=name,
                                          nik=f"3522014{persons:09d}",
                                          hubungan_krt=1 if member == 0 else 3))
            ruta.keluarga.append(family)
            session.add(ruta)
    return VillageSummary("3522012001", "Sukamaju", "Ngraho", "Kab. Bojonegoro", "Jawa Timur",
                          True, households, persons)
