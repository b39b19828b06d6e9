from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.accounts.service import applicant
from backend.api.actors import actor_names
from backend.api.applications.dataloaders import members, open_corrections, reviews, timelines
from backend.api.applications.deferred import DeferredMaterial, deferred_of
from backend.api.applications.errors import ApplicationError
from backend.api.applications.party_types import ApplicationParty, PartyInvitation
from backend.api.catalog.types import Evaluation, LifeEvent, Matter
from backend.api.context import Info, loaded
from backend.api.datasources.types import DataSet, PrefilledValue
from backend.api.payments.types import PaymentOrder, payment_order_of
from backend.api.ratings import dataloaders as ratings
from backend.api.ratings.types import Rating
from backend.api.types import FieldError, LocalizedText, PageInfo
from backend.applications import service
from backend.applications.service import Application as ApplicationRow
from backend.backoffice import service as backoffice
from backend.catalog.service import LifeEvent as LifeEventRow
from backend.catalog.service import Matter as MatterRow
from backend.catalog.service import compiled as compiled_matter
from backend.datasources import service as datasources


@strawberry.enum
class ApplicationStatus(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CORRECTION_REQUESTED = "correction_requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DENIED = "denied"
    COMPLETED = "completed"


@strawberry.type(description="One item of a correction notice.")
class CorrectionNoticeItem:
    path: str = strawberry.field(description="/answers/<field> or /materials/<material id>.")
    name: LocalizedText = strawberry.field(description="The field's or material's name.")
    reason: str


@strawberry.type(description="A one-time correction notice (一次性告知).")
class CorrectionNotice:
    requested_at: dt.datetime
    items: list[CorrectionNoticeItem]


@strawberry.enum
class ReviewStatus(Enum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"


@strawberry.type(
    description="One department's review of a submitted application, as that department decides it."
)
class DepartmentReview:
    application_id: strawberry.ID = strawberry.field(
        description="The matter application reviewed: the application itself, or a life event's member (one of `children`)."
    )
    department_name: str
    status: ReviewStatus
    decided_at: dt.datetime | None


@strawberry.type
class TimelineEntry:
    kind: str
    message: LocalizedText
    at: dt.datetime
    actor: strawberry.Private[str | None] = None

    @classmethod
    def of(cls, e: service.ApplicationEvent) -> TimelineEntry:
        return cls(
            kind=e.kind,
            message=LocalizedText(zh=e.message_zh, en=e.message_en),
            at=e.at,
            actor=e.actor,
        )

    @strawberry.field(
        description="Who took this step when not the applicant themself (李* 代办, 代办员 王芳); null when the applicant did."
    )
    async def acted_by(self, info: Info) -> str | None:
        if not self.actor or self.actor == "system":
            return None
        return await info.context.loaders.of(actor_names).load(self.actor)


@strawberry.type(
    description="A citizen's own application (办件), or one they joined as a party, pinned to one matter version."
)
class Application:
    id: strawberry.ID
    status: ApplicationStatus
    situation: JSON
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    delivery_mode: str | None = strawberry.field(description="How the result reaches me.")
    tracking_number: str | None = strawberry.field(
        description="The express tracking number, once sent."
    )
    due_on: dt.date | None = strawberry.field(
        description="The statutory deadline (法定办结时限), set when the window accepts the application."
    )
    due_provisional: bool = strawberry.field(
        description="True while `dueOn` is an estimate (预计): its year's public holidays are not published yet; it is counted again once they are."
    )
    row: strawberry.Private[ApplicationRow]
    viewed: strawberry.Private[dict[int, service.Part | None]] = dataclasses.field(
        default_factory=dict
    )
    # the fields asking for the viewer's part resolve concurrently: it is worked out once
    viewing: strawberry.Private[asyncio.Lock] = dataclasses.field(default_factory=asyncio.Lock)

    async def kids(self, info: Info) -> service.Children:
        """A life event's member applications with their versions, read once per request."""
        return await info.context.loaders.of(members).load(self.row.id)

    async def part(self, info: Info) -> service.Part | None:
        """The viewer's part of a multi-party application (None: a one-applicant matter),
        worked out once per viewer and object."""
        citizen = info.context.citizen
        if citizen is None:
            return None
        async with self.viewing:
            if citizen.id not in self.viewed:
                found = await service.part_for(self.row, citizen, await self.definition(info))
                self.viewed[citizen.id] = found[0] if found else None
        return self.viewed[citizen.id]

    async def definition(self, info: Info) -> dict[str, Any]:
        version_id = self.row.matter_version_id
        if version_id is None:
            return await service.definition_of(self.row, await self.kids(info))
        v = await info.context.loaders.version.load(version_id)
        return dict(v.definition) if v else {}

    @strawberry.field(
        description="The answers; a party sees its own fields and the common ones, never another party's."
    )
    async def answers(self, info: Info) -> JSON:
        part = await self.part(info)
        answers: JSON = part.visible_answers(self.row.answers) if part else self.row.answers
        return answers

    @strawberry.field(description="The parties of a multi-party application; [] for one applicant.")
    async def parties(self, info: Info) -> list[ApplicationParty]:
        citizen = info.context.citizen
        if citizen is None:
            return []
        listed = await service.listing(self.row, citizen, await self.definition(info))
        return [ApplicationParty.of(p) for p in listed]

    @strawberry.field(description="My party id; null for a one-applicant matter.")
    async def my_party(self, info: Info) -> str | None:
        part = await self.part(info)
        return part.party if part else None

    @classmethod
    def of(cls, a: ApplicationRow) -> Application:
        return cls(
            id=strawberry.ID(str(a.id)),
            status=ApplicationStatus(a.status),
            situation=a.situation,
            created_at=a.created_at,
            submitted_at=a.submitted_at,
            delivery_mode=a.delivery_mode,
            tracking_number=a.tracking_number,
            due_on=a.due_on,
            due_provisional=a.due_provisional,
            row=a,
        )

    @strawberry.field
    def matter(self, info: Info) -> Matter | None:
        code = self.row.matter_code
        return loaded(info.context.loaders.matter, code, _matter) if code else None

    @strawberry.field(
        description="The matter version this application is pinned to, forever; null for a life event."
    )
    async def version(self, info: Info) -> int | None:
        version_id = self.row.matter_version_id
        v = await info.context.loaders.version.load(version_id) if version_id else None
        return v.number if v else None

    @strawberry.field(description="The life event this application is for, if any.")
    def life_event(self, info: Info) -> LifeEvent | None:
        code = self.row.life_event_code
        return loaded(info.context.loaders.life_event, code, _life_event) if code else None

    @strawberry.field(
        description="Materials the window accepted this application without (容缺受理), each due by a date; the result is withheld until every one arrives (uploadMaterial delivers one)."
    )
    async def deferred(self, info: Info) -> list[DeferredMaterial]:  # helper h5
        return await deferred_of(info, self.row)

    @strawberry.field(
        description="A life event's applications, one per member matter and department."
    )
    async def children(self, info: Info) -> list[Application]:
        if self.row.life_event_code is None:
            return []
        return [Application.of(c) for c, _ in await self.kids(info)]

    @strawberry.field(
        description="Eligibility, checklist and run count now: with the data shared, the commitments signed and the files uploaded so far."
    )
    async def evaluation(self, info: Info) -> Evaluation | None:
        citizen = info.context.citizen
        if citizen is None:
            return None
        sharing = info.context.services.sharing
        children = await self.kids(info) if self.row.life_event_code else None
        result = await service.evaluation_of(citizen, self.row, sharing, children)
        part = await self.part(info)
        if part is not None:  # another party's materials and trips are theirs
            result = dataclasses.replace(
                result,
                materials=[m for m in result.materials if m.id not in part.hidden_materials],
                trips=[t for t in result.trips if t.item_id not in part.hidden_materials],
            )
        if self.row.channel == "window":  # h4: filed for a walk-in, the visit made is its run
            result = backoffice.as_window_visit(result)
        return Evaluation.of(result)

    @strawberry.field(
        description="The data sets this application may read: who holds them, why, on what legal basis; my consent and the last read of each."
    )
    async def data_sharing(self, info: Info) -> list[DataSet]:
        definition = await self.definition(info)
        part = await self.part(info)
        if part is not None:  # a party consents for their own data, for their own part
            definition = service.party_definition(definition, part)
        consents = await datasources.active_consents(self.row, info.context.citizen)
        pulls = await datasources.pulls(self.row, part.pull_party if part else None)
        needed = info.context.services.sharing.needed(definition)
        return [DataSet.of(s, consents.get(s.id), pulls.get(s.id)) for s in needed]

    @strawberry.field(
        description="The correction the window asked for and I have not resubmitted yet: every item at once (一次性告知); null when none."
    )
    async def correction(self, info: Info) -> CorrectionNotice | None:
        notice = await info.context.loaders.of(open_corrections).load(self.row.id)
        if notice is None:
            return None
        names = await service.item_names(
            self.row, await self.kids(info) if self.row.life_event_code else None
        )
        return CorrectionNotice(
            requested_at=notice.requested_at,
            items=[
                CorrectionNoticeItem(
                    path=i["path"],
                    name=LocalizedText.of(names.get(i["path"], {"zh": i["path"], "en": i["path"]})),
                    reason=i["reason"],
                )
                for i in notice.items
            ],
        )

    @strawberry.field(
        description="The eligibility rules (ids as `evaluation.eligibility` gives them) that read an answer or situation question not given yet. One of them that does not pass in `evaluation` is pending (待填写): neither passed nor failed until those are given, when the server judges it."
    )
    async def eligibility_pending(self, info: Info) -> list[str]:
        if self.row.life_event_code is not None:
            kids = await self.kids(info)
            found = [(c.matter_code, compiled_matter(v)) for c, v in kids]
        else:
            version_id = self.row.matter_version_id
            v = await info.context.loaders.version.load(version_id) if version_id else None
            found = [(None, compiled_matter(v))] if v else []
        return service.pending_ids(found, self.row.answers, self.row.situation)

    @strawberry.field(
        description="The form's fields that are my own verified identity (name, resident ID, mobile; a party's identity and name): filled by the server, not changeable."
    )
    async def identity_fields(self, info: Info) -> list[str]:
        citizen = info.context.citizen
        if citizen is None:
            return []
        part = await self.part(info)
        if part is not None:
            return [f for f in (part.identity_field, part.name_field) if f]
        return service.identity_verified(await self.definition(info), applicant(citizen).profile)

    @strawberry.field(
        description="Each department's review once the window accepted the application, as each decides (pending, approved, denied); [] before."
    )
    async def reviews(self, info: Info) -> list[DepartmentReview]:
        return [
            DepartmentReview(
                application_id=strawberry.ID(str(t.application_id)),
                department_name=t.department_name,
                status=ReviewStatus(t.status),
                decided_at=t.decided_at,
            )
            for t in await info.context.loaders.of(reviews).load(self.row.id)
        ]

    @strawberry.field(description="Answers that came from shared data, with their provenance.")
    async def prefilled(self, info: Info) -> list[PrefilledValue]:
        part = await self.part(info)
        hidden = part.hidden_fields if part else frozenset()
        return [
            PrefilledValue(
                field=name,
                value=p["value"],
                source_id=p["source"],
                fetched_at=p["fetched_at"],
                consent_id=strawberry.ID(str(p["consent_id"])),
                edited=p["edited"],
            )
            for name, p in sorted(self.row.provenance.items())
            if name not in hidden
        ]

    @strawberry.field(
        description="My fees' order as it stands (CREATED, PAID, REFUNDED; its prepayId null here: payFees gives it); null before any order or payment at the window."
    )
    async def payment(self) -> PaymentOrder | None:
        return await payment_order_of(self.row)

    @strawberry.field(description="My rating, once given.")
    async def rating(self, info: Info) -> Rating | None:
        rating = await info.context.loaders.of(ratings.ratings).load(self.row.id)
        return Rating.of(rating) if rating else None

    @strawberry.field(description="Every step so far, oldest first, in plain language.")
    async def timeline(self, info: Info) -> list[TimelineEntry]:
        return [
            TimelineEntry.of(e) for e in await info.context.loaders.of(timelines).load(self.row.id)
        ]


@strawberry.type
class ApplicationEdge:
    cursor: str
    node: Application


@strawberry.type
class ApplicationConnection:
    edges: list[ApplicationEdge]
    page_info: PageInfo

    @classmethod
    def empty(cls) -> ApplicationConnection:
        """The page a cursor that names nothing of mine gets."""
        return cls(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))


@strawberry.type(
    description="A draft kept; `problems` are what is already wrong (missing fields are not counted yet)."
)
class SavedApplication:
    application: Application
    problems: list[FieldError]


StartApplicationResult = Annotated[
    Application | ApplicationError, strawberry.union("StartApplicationResult")
]
SaveApplicationResult = Annotated[
    SavedApplication | ApplicationError, strawberry.union("SaveApplicationResult")
]
SubmitApplicationResult = Annotated[
    Application | ApplicationError, strawberry.union("SubmitApplicationResult")
]
InvitePartyResult = Annotated[
    PartyInvitation | ApplicationError, strawberry.union("InvitePartyResult")
]


def _matter(row: MatterRow | None) -> Matter | None:
    return Matter.of(row) if row else None


def _life_event(row: LifeEventRow | None) -> LifeEvent | None:
    return LifeEvent.of(row) if row else None
