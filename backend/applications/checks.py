"""What the server checks on every save and submit: answers that came from shared data, the
form, the situation, the delivery, the rules and materials of the pinned version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.applications import bundles, eligibility
from backend.applications.records import (
    ApplicationProblem,
    Children,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    CompiledMatter,
    Evaluation,
    MaterialItem,
    MatterVersion,
    evaluate,
)
from backend.forms.validation import FieldError


def guard_prefill(
    definition: Mapping[str, Any], provenance: Mapping[str, Any], answers: Any
) -> tuple[Any, dict[str, Any], list[FieldError]]:
    if not isinstance(answers, dict):
        return answers, dict(provenance), []
    fields = definition["form"]["schema"].get("properties", {})
    answers, kept, errors = dict(answers), dict(provenance), []
    for name, p in provenance.items():
        if name not in answers:
            answers[name] = p["value"]
        elif answers[name] != p["value"] and not p["edited"]:
            if fields.get(name, {}).get("x-editable"):
                kept[name] = {**p, "edited": True}
            else:
                answers[name] = p["value"]
                errors.append(
                    FieldError(
                        f"/answers/{name}",
                        "read_only",
                        "此项由政府共享数据提供，不能修改；如有误，请联系数据来源部门更正。",
                        "This value comes from government records and cannot be changed here; ask the source department to correct it.",
                    )
                )
    return answers, kept, errors


def hidden(
    version: MatterVersion,
    who: Applicant,
    answers: Any,
    situation: Any,
    parties: Mapping[str, Applicant] | None = None,
) -> frozenset[str]:
    """The fields the form hides now (`ui:visibleWhen`): neither required nor kept."""
    if not isinstance(answers, dict):
        return frozenset()
    return catalog.hidden_fields(catalog.compiled(version), who, answers, situation, parties)


def hidden_in_bundle(
    children: Children,
    who: Applicant,
    parties: Mapping[str, Applicant] | None,
    answers: Any,
    situation: Any,
) -> frozenset[str]:
    """The merged form's fields hidden now: those a member's rule hides (a field's rule comes
    with the member that declares it)."""
    found: set[str] = set()
    for _, version in children:
        d = catalog.compiled(version).definition
        found |= hidden(
            version,
            bundles.member_applicant(who, d),
            *bundles.member_inputs(d, answers, situation),
            {p: bundles.member_applicant(a, d) for p, a in (parties or {}).items()},
        )
    return frozenset(found)


def shown(answers: Any, hidden: frozenset[str]) -> Any:
    """The answers without those to hidden fields (a client may have kept them)."""
    if not isinstance(answers, dict) or not hidden:
        return answers
    return {k: v for k, v in answers.items() if k not in hidden}


def _check(
    who: Applicant,
    version: MatterVersion,
    answers: Any,
    situation: Any,
    errors: list[FieldError],
    parties: Mapping[str, Applicant] | None = None,
) -> Evaluation:
    """Raises with every fault; returns the evaluation (its run count: the trips it costs, with
    parties the worst party's). A field its rule hides is not required."""
    compiled = catalog.compiled(version)
    unasked = hidden(version, who, answers, situation, parties)
    errors = errors + [
        e
        for e in _prefixed("/answers", compiled.form.validate(shown(answers, unasked)))
        if field_of(e.path) not in unasked
    ]
    errors += _situation_errors(version.definition, situation)
    if isinstance(answers, dict) and isinstance(situation, dict):
        # every problem at once: the form's, eligibility's and the materials still missing; a
        # rule still waiting on a required answer is pending, one on an answer the form finds
        # wrong says nothing until it is right
        result = evaluate(compiled, who, answers, situation, parties or None)
        wrong = {field_of(e.path) for e in errors if e.path.startswith("/answers/")}
        waiting = eligibility.unanswered(compiled, answers, situation)
        required = set(compiled.definition.form.schema.get("required", [])) - unasked
        pending = eligibility.still_required(waiting, required)
        for r in result.eligibility:
            if r.effect != "block" or r.passed:
                continue
            if r.id in pending:
                errors.append(_pending(r.message))
            elif not wrong & {n for _, n in eligibility.reads(_rule(compiled, r.id))}:
                errors.append(FieldError("", "not_eligible", r.message["zh"], r.message["en"]))
        errors += [_missing(m) for m in result.materials if m.status in ("to_sign", "to_upload")]
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
        )
    return result


def _rule(compiled: CompiledMatter, rule_id: str) -> Any:
    return next(r.rule for r in compiled.definition.eligibility if r.id == rule_id)


def _pending(message: Mapping[str, str]) -> FieldError:
    return FieldError(
        "",
        "eligibility_pending",
        f"填写后判断：{message['zh']}",
        f"Judged once answered: {message['en']}",
    )


def _missing(m: MaterialItem) -> FieldError:
    if m.status == "to_sign":
        return FieldError(
            f"/materials/{m.id}",
            "commitment_missing",
            f"请签署告知承诺：{m.name['zh']}",
            f"Sign the commitment for: {m.name['en']}",
        )
    return FieldError(
        f"/materials/{m.id}", "upload_missing", f"请上传：{m.name['zh']}", f"Upload: {m.name['en']}"
    )


def field_of(path: str) -> str:
    """The field a path under /answers names ("" for the form as a whole)."""
    parts = path.split("/")
    return parts[2] if len(parts) > 2 else ""


def _prefixed(prefix: str, errors: list[FieldError]) -> list[FieldError]:
    return [FieldError(prefix + e.path, e.code, e.message_zh, e.message_en) for e in errors]


def _situation_errors(definition: Mapping[str, Any], situation: Any) -> list[FieldError]:
    if not isinstance(situation, Mapping):
        return [
            FieldError("/situation", "type", "情形回答格式不正确。", "situation must be an object")
        ]
    declared = {s["id"]: s for s in definition.get("situations", [])}
    errors = [
        FieldError(
            f"/situation/{k}",
            "unknown_field",
            f"没有“{k}”这个情形问题。",
            f"No situation question {k!r}.",
        )
        for k in situation
        if k not in declared
    ]
    for sid, s in declared.items():
        values = [o["value"] for o in s["options"]]
        value = situation.get(sid, s.get("default"))
        if value is None:
            errors.append(
                FieldError(
                    f"/situation/{sid}",
                    "required",
                    f"请回答：{s['question']['zh']}",
                    f"Answer: {s['question']['en']}",
                )
            )
        elif value not in values:
            errors.append(
                FieldError(
                    f"/situation/{sid}",
                    "enum",
                    f"“{s['question']['zh']}”的回答不在选项中。",
                    f"The answer to {s['question']['en']!r} is not one of the options.",
                )
            )
    return errors


def choose_delivery(
    definition: Mapping[str, Any], mode: str | None, answers: Any
) -> tuple[str, list[FieldError]]:
    """The delivery the citizen chose (the matter's first option when none), and what is wrong."""
    options = list(definition.get("delivery", []))
    chosen = mode or (options[0] if options else "none")
    if chosen not in options:
        return chosen, [
            FieldError(
                "/deliveryMode",
                "enum",
                f"此事项可选的送达方式：{'、'.join(options)}。",
                f"This matter delivers by: {', '.join(options)}.",
            )
        ]
    if chosen == "express" and not (
        isinstance(answers, dict) and str(answers.get("delivery_address", "")).strip()
    ):
        return chosen, [
            FieldError(
                "/answers/delivery_address",
                "required",
                "选择快递送达时请填写邮寄地址。",
                "Give the delivery address for express delivery.",
            )
        ]
    return chosen, []
