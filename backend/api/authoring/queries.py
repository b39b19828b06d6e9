from __future__ import annotations

from typing import cast

import strawberry
from strawberry.scalars import JSON

from backend.api.authoring.types import (
    AuthoredLifeEvent,
    AuthoredMatter,
    AuthoredMatterPage,
    AuthoredMatterSummary,
    AuthoringStatus,
    DataElement,
    Department,
    DiffEntry,
    LicenseTypeInfo,
    ReplayReport,
    SharedSourceInfo,
    TemplateSummary,
    TestCaseInput,
    TestCaseResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as_errors, problems_as_null
from backend.api.permissions import IsCountyAdministrator, IsStaff
from backend.api.types import LocalizedText
from backend.authoring import service as authoring
from backend.catalog.service import LifeEvent, Matter
from backend.regions.service import ancestors
from backend.staff.service import StaffMember

ADMIN = [IsStaff, IsCountyAdministrator]


def admin_of(info: Info) -> StaffMember:
    assert info.context.staff is not None
    return info.context.staff


@strawberry.type
class AuthoringQueries:
    @strawberry.field(
        permission_classes=ADMIN,
        description="The matters of my region, drafts included, latest change first. County administrators only.",
    )
    async def authored_matters(
        self,
        info: Info,
        keyword: str | None = None,
        status: AuthoringStatus | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AuthoredMatterPage:
        offset = int(after) if after and after.isdigit() else 0
        items, next_offset = await authoring.summaries(
            admin_of(info),
            keyword,
            status.value if status else None,
            max(1, min(first, 100)),
            offset,
            info.context.services.authoring,
        )
        return AuthoredMatterPage(
            items=[AuthoredMatterSummary.of(s) for s in items],
            next_cursor=str(next_offset) if next_offset is not None else None,
        )

    @strawberry.field(
        permission_classes=ADMIN,
        description="One matter of my region with its draft checked, test cases run and history; null when not found. County administrators only.",
    )
    @problems_as_null(authoring.AuthoringProblem)
    async def authored_matter(self, info: Info, code: str) -> AuthoredMatter | None:
        ws = await authoring.workspace(admin_of(info), code, info.context.services.authoring)
        return AuthoredMatter.of(ws)

    @strawberry.field(
        permission_classes=ADMIN,
        description="Templates of the regions above mine that my region may localise. County administrators only.",
    )
    async def templates(self, info: Info, keyword: str | None = None) -> list[TemplateSummary]:
        region = admin_of(info).region_code
        above = [r for r in ancestors(region) if r != region]
        rows = await Matter.filter(
            region_code__in=above, extends_code=None, status="published"
        ).order_by("code")
        mine = {
            m.extends_code: m.code
            for m in await Matter.filter(region_code=region, extends_code__isnull=False)
        }
        word = (keyword or "").lower()
        return [
            TemplateSummary(
                code=m.code,
                name=LocalizedText(zh=m.name_zh, en=m.name_en),
                region_code=m.region_code,
                department=LocalizedText(zh=m.department_name, en=""),
                localised_as=mine.get(m.code),
            )
            for m in rows
            if word in f"{m.code} {m.name_zh} {m.name_en}".lower()
        ]

    @strawberry.field(
        permission_classes=ADMIN,
        description="The data-element dictionary (elements.json). County administrators only.",
    )
    def data_elements(self, info: Info, keyword: str | None = None) -> list[DataElement]:
        word = (keyword or "").lower()
        return [
            DataElement.of(e)
            for e in info.context.services.authoring.elements.values()
            if word in f"{e['key']} {e['name']['zh']} {e['name']['en']}".lower()
        ]

    @strawberry.field(
        permission_classes=ADMIN,
        description="Departments of my region's matters. County administrators only.",
    )
    async def departments(self, info: Info) -> list[Department]:
        return [
            Department(code=code, name=LocalizedText.of(name))
            for code, name in (await authoring.departments(admin_of(info).region_code)).items()
        ]

    @strawberry.field(
        permission_classes=ADMIN,
        description="E-license types the catalog knows: those published matters accept or issue. County administrators only.",
    )
    async def license_types(self, info: Info) -> list[LicenseTypeInfo]:
        return [
            LicenseTypeInfo(type=t, name=LocalizedText.of(name))
            for t, name in (await authoring.license_types(admin_of(info).region_code)).items()
        ]

    @strawberry.field(
        permission_classes=ADMIN,
        description="Shared data sources and their elements. County administrators only.",
    )
    def shared_sources(self, info: Info) -> list[SharedSourceInfo]:
        return [
            SharedSourceInfo(id=s.id, name=LocalizedText.of(s.name), elements=list(s.elements))
            for s in info.context.services.authoring.sources.values()
        ]

    @strawberry.field(
        permission_classes=ADMIN,
        description="Differences between two versions' effective definitions; toVersion null: the draft. County administrators only.",
    )
    @problems_as_null(authoring.AuthoringProblem, empty=list)
    async def matter_diff(
        self, info: Info, code: str, from_version: int, to_version: int | None = None
    ) -> list[DiffEntry]:
        changes = await authoring.version_diff(
            admin_of(info), code, from_version, to_version, info.context.services.authoring
        )
        return [DiffEntry.of(c) for c in changes]

    @strawberry.field(
        permission_classes=ADMIN,
        description="The matter as a form_schemas/ file; version null: the draft, else the latest version. County administrators only.",
    )
    @problems_as_null(authoring.AuthoringProblem)
    async def export_matter(self, info: Info, code: str, version: int | None = None) -> JSON | None:
        return cast(JSON, await authoring.export(admin_of(info), code, version))

    @strawberry.field(
        permission_classes=ADMIN,
        description="Replay my region's recent applications of this matter against the draft. County administrators only.",
    )
    @problems_as_errors(authoring.AuthoringProblem)
    async def replay_draft(self, info: Info, code: str, limit: int = 500) -> ReplayReport:
        services = info.context.services
        r = await authoring.replay(
            admin_of(info), code, max(1, min(limit, 5000)), services.authoring, services.sharing
        )
        return ReplayReport(
            checked=r.checked,
            eligibility_changed=r.eligibility_changed,
            materials_changed=r.materials_changed,
            examples=r.examples,
        )

    @strawberry.field(
        permission_classes=ADMIN,
        description="Evaluate the draft for one example applicant, as the live preview shows it. County administrators only.",
    )
    @problems_as_errors(authoring.AuthoringProblem)
    async def preview_draft(
        self, info: Info, code: str, test_case: TestCaseInput
    ) -> TestCaseResult:
        result = await authoring.preview(
            admin_of(info), code, test_case.case(), info.context.services.authoring
        )
        return TestCaseResult.of(result)

    @strawberry.field(
        permission_classes=ADMIN,
        description="The life events of my region. County administrators only.",
    )
    async def authored_life_events(self, info: Info) -> list[AuthoredLifeEvent]:
        rows = await LifeEvent.filter(region_code=admin_of(info).region_code).order_by("code")
        return [life_event(e) for e in rows]


def life_event(e: LifeEvent) -> AuthoredLifeEvent:
    return AuthoredLifeEvent(
        code=e.code,
        name=LocalizedText(zh=e.name_zh, en=e.name_en),
        matters=list(e.definition["matters"]),
        document=e.definition,
    )
