"""The trips an evaluation counts (DOMAIN.md, "Run count"): originals to bring, on-site steps,
and a pickup-only result; each trip is one party's when the matter declares parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backend.catalog.definition_model import Material, MatterDefinition, OnSiteStep
from backend.catalog.definitions import way_kind

if TYPE_CHECKING:
    from backend.catalog.evaluation import MaterialItem

Text = dict[str, str]
REMOTE_DELIVERY = {"e_license", "express", "none"}


@dataclass(frozen=True)
class Trip:
    """Why the applicant has to go somewhere, and what would spare them the trip."""

    visit: int
    kind: str  # original | on_site | pickup
    item_id: str
    reason: Text
    remedy: Text
    party: str | None = None  # whose trip it is; None when the matter declares no parties


def trips_of(
    d: MatterDefinition,
    materials: Sequence[MaterialItem],
    steps: Sequence[OnSiteStep],
    promised: int,
    starter: str | None,
) -> list[Trip]:
    """Originals to bring (each its party's), on-site steps (the starter's, one visit
    together), and a pickup when the result can only be picked up (see `_pickup`)."""
    by_id = {m.id: m for m in d.materials}
    trips = [
        Trip(
            1,
            "original",
            m.id,
            _original_reason(by_id[m.id]),
            _original_remedy(by_id[m.id]),
            m.party,
        )
        for m in materials
        if m.status == "bring_original"
    ]
    trips += [
        Trip(
            1,
            "on_site",
            s.id,
            {"zh": f"须本人到场：{s.name.zh}", "en": f"In person: {s.name.en}"},
            {
                "zh": "法律要求本人到场办理，无法通过网上完成。",
                "en": "The law requires you in person; this cannot be done online.",
            },
            starter,
        )
        for s in steps
    ]
    if not REMOTE_DELIVERY.intersection(d.delivery):
        trips.append(_pickup(d, trips, promised, starter))
    return trips


def _pickup(d: MatterDefinition, trips: list[Trip], promised: int, starter: str | None) -> Trip:
    """The holder picks the result up (a subject's result: the starter, their guardian), in
    the visit of their other trips when it is issued on the spot, else on a visit of its own."""
    picker = d.output.holder if d.output.holder in applicant_ids(d) else starter
    own = [t for t in trips if t.party == picker]
    same_visit = bool(own) and promised == 0
    return Trip(
        1 if same_visit or not own else 2,
        "pickup",
        "delivery",
        {"zh": "办理结果只能到窗口领取。", "en": "The result can only be picked up."},
        {
            "zh": "事项可增加邮寄送达或电子证照送达，免去领取这一趟。",
            "en": "Offering express delivery or an e-license would save this trip.",
        },
        picker,
    )


def applicant_ids(d: MatterDefinition) -> list[str]:
    """The parties who apply, in the definition's order."""
    return [p.id for p in d.parties if p.role == "applicant"]


def _original_reason(m: Material) -> Text:
    return {
        "zh": f"须携带原件到窗口核验：{m.name.zh}",
        "en": f"Bring the original for checking: {m.name.en}",
    }


def _original_remedy(m: Material) -> Text:
    kinds = set(map(way_kind, m.ways))
    if "e_license" in kinds:
        return {
            "zh": "申领对应的电子证照后，此项无需跑腿。",
            "en": "Once you hold the matching e-license, this needs no trip.",
        }
    if "shared_data" in kinds:
        return {
            "zh": "共享平台暂未查到您的相关数据；数据可用时此项无需跑腿。",
            "en": "The sharing platform has no record of you yet; once it does, no trip.",
        }
    return {
        "zh": "此材料只接受原件；事项可增加电子证照、数据共享、告知承诺或在线上传方式。",
        "en": "Only the original is accepted; the matter could offer an e-license, shared "
        "data, a commitment or an upload instead.",
    }
