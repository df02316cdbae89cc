"""The dashboard's figures as bars: label, value, words beside the bar, and the ``ListFilter``
each bar opens the household list with (built with the same filter the figure was counted
with, so a click lists exactly the households on the bar)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from siksdesk.services.household_list import NOT_VERIFIED, HouseholdQuery
from siksdesk.services.rekap import QUALITY, AreaCount, Rekap
from siksdesk.ui.bar_chart import Bar
from siksdesk.ui.dashboard_parts import Labels, signed
from siksdesk.ui.list_filters import ListFilter

Number = Callable[[int], str]


def no_dusun() -> str:
    return QCoreApplication.translate("Dashboard", "(no dusun)")


def _area_text(area: AreaCount, number: Number) -> str:
    return QCoreApplication.translate(
        "Dashboard", "{households} households · {people} people"
    ).format(households=number(area.households), people=number(area.people))


def dusun_bars(rekap: Rekap, number: Number) -> list[Bar]:
    return [
        Bar(
            area.dusun or no_dusun(),
            area.households,
            _area_text(area, number),
            payload=ListFilter(
                HouseholdQuery(dusun=area.dusun),
                QCoreApplication.translate("Dashboard", "Dusun {name}").format(name=area.dusun),
            ),
        )
        for area in rekap.dusun
    ]


def rt_bars(rekap: Rekap, dusun: object, number: Number) -> list[Bar]:
    """The RTs of one dusun."""
    bars = []
    for area in rekap.rt:
        if area.dusun != dusun:
            continue
        label = QCoreApplication.translate("Dashboard", "RT {rt}").format(rt=area.rt or "–")
        bars.append(
            Bar(
                label,
                area.households,
                _area_text(area, number),
                payload=ListFilter(HouseholdQuery(dusun=area.dusun, rt=area.rt), label),
            )
        )
    return bars


def verivali_bars(rekap: Rekap, labels: Labels, number: Number) -> list[Bar]:
    bars = []
    for entry in rekap.verivali:
        if entry.code == NOT_VERIFIED:
            label = QCoreApplication.translate("Dashboard", "Not yet verified")
        else:
            label = f"{entry.code} · {labels.verivali.get(entry.code, str(entry.code))}"
        share = 100 * entry.households / rekap.households if rekap.households else 0
        value = QCoreApplication.translate("Dashboard", "{count} ({share} %)").format(
            count=number(entry.households), share=f"{share:.0f}"
        )
        bars.append(
            Bar(
                label,
                entry.households,
                value,
                payload=ListFilter(HouseholdQuery(hasil_verivali=entry.code), label),
            )
        )
    return bars


def quality_titles() -> dict[str, str]:
    return {
        "nik_invalid": QCoreApplication.translate("Dashboard", "Invalid NIK"),
        "errors": QCoreApplication.translate("Dashboard", "Errors (all kinds)"),
        "warnings": QCoreApplication.translate("Dashboard", "Warnings"),
        "nik_duplicate": QCoreApplication.translate("Dashboard", "Same NIK twice"),
        "missing": QCoreApplication.translate("Dashboard", "Missing fields or NIK"),
    }


def quality_bars(rekap: Rekap, number: Number) -> list[Bar]:
    """Households per kind of problem, with the change since the last import in brackets."""
    titles = quality_titles()
    bars = []
    for entry in rekap.quality:
        title = titles.get(entry.key, entry.key)
        value = QCoreApplication.translate("Dashboard", "{households} households").format(
            households=number(entry.households)
        )
        if entry.change is not None:
            value += f" ({signed(entry.change, number(abs(entry.change)))})"
        detail = QCoreApplication.translate(
            "Dashboard", "{problems} problems, {people} people"
        ).format(problems=number(entry.problems), people=number(entry.people))
        bars.append(
            Bar(
                title,
                entry.households,
                value,
                detail,
                payload=ListFilter(HouseholdQuery(problem=QUALITY[entry.key]), title),
            )
        )
    return bars


def programme_bars(rekap: Rekap, number: Number) -> list[Bar]:
    """Beneficiary households in the registry per programme, the quota as the target mark."""
    bars = []
    for programme in rekap.programmes:
        value = QCoreApplication.translate("Dashboard", "{count} of {quota}").format(
            count=number(programme.beneficiaries), quota=number(programme.quota)
        )
        details = [programme.name] if programme.name else []
        if programme.listed != programme.beneficiaries:
            details.append(
                QCoreApplication.translate(
                    "Dashboard", "{count} listed households not in the registry"
                ).format(count=number(programme.listed - programme.beneficiaries))
            )
        title = QCoreApplication.translate("Dashboard", "Beneficiaries of {code}").format(
            code=programme.code
        )
        bars.append(
            Bar(
                programme.code,
                programme.beneficiaries,
                value,
                " · ".join(details),
                target=programme.quota or None,
                payload=ListFilter(HouseholdQuery(programme=programme.code), title),
            )
        )
    return bars


def usulan_bars(rekap: Rekap, labels: Labels, number: Number) -> list[Bar]:
    """Proposals per status; a click lists the households that have one in that status."""
    bars = []
    for entry in rekap.usulan:
        label = labels.usulan.get(entry.status, entry.status)
        detail = QCoreApplication.translate("Dashboard", "{households} households").format(
            households=number(entry.households)
        )
        title = QCoreApplication.translate("Dashboard", "Proposals: {status}").format(status=label)
        bars.append(
            Bar(
                label,
                entry.proposals,
                number(entry.proposals),
                detail,
                payload=ListFilter(HouseholdQuery(usulan_status=entry.status), title),
            )
        )
    return bars
