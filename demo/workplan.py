"""Load the demo joint workplans (``demo.workplan_data``) into the demo programmes. Idempotent.

Activities go through ``workplan.services`` so that validation, history and the term index of
the duplicate check are what they would be for activities entered by people. An activity is
known again by its programme and its title in its first language; a second run finds every
activity unchanged and writes nothing (``activity_update`` returns early when nothing changed).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import User
from demo import data
from demo import workplan_data as plan
from demo.directory import _provider
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Membership, Pillar, Programme
from workplan import services
from workplan.exchange import activity_update_post
from workplan.models import Activity, ActivityUpdate, Output, TargetGroup
from workplan.services import ParticipationRow

# The directory's provider kinds under the names the workplan data uses.
PROVIDER_KINDS = {
    "police": "police",
    "health": "hospital",
    "legal": "legal",
    "counselling": "counselling",
    "shelter": "shelter",
    "economic": "economic",
}
# The local currency of each programme, for the few budgets not in US dollars.
LOCAL_CURRENCY = {"JM": "JMD", "HN": "HNL", "BZ": "BZD", "TT": "TTD"}


def _organisations() -> dict[str, Organisation]:
    """The demo organisations by key, and the workplan's extra ones (created if missing)."""
    found: dict[str, Organisation] = {}
    for key, name_en, _es, _acronym, _kind, iati, _codes, _visibility in data.ORGANISATIONS:
        lookup = {"iati_identifier": iati} if iati else {"name_en": name_en}
        organisation = Organisation.objects.filter(**lookup).first()
        if organisation is not None:
            found[key] = organisation
    for key, name_en, name_es, acronym, kind, codes in plan.EXTRA_ORGANISATIONS:
        organisation = Organisation.objects.filter(name_en=name_en).first()
        if organisation is None:
            organisation = Organisation(
                name=name_en, name_en=name_en, name_es=name_es, acronym=acronym, type=kind
            )
            organisation.full_clean()
            organisation.save()
        organisation.programmes.add(*Programme.objects.filter(code__in=codes))
        found[key] = organisation
    return found


class _Programme:
    """What one programme's plan refers to, read once."""

    def __init__(self, programme: Programme, organisations: dict[str, Organisation]) -> None:
        self.programme = programme
        self.code = programme.code
        self.organisations = organisations
        self.areas = {
            key: area
            for key, area in _area_keys(programme).items()
            if area is not None  # a key of the demo data not loaded in this database
        }
        self.priorities = {
            p.code: p for p in GovernmentPriority.objects.filter(programme=programme)
        }
        self.pillars = {p.number: p for p in Pillar.objects.all()}
        self.groups = {g.code: g for g in TargetGroup.objects.all()}
        self.outputs = {o.number: o for o in Output.objects.filter(programme=programme)}
        self._providers: dict[str, Organisation] = {}
        self._used: set[int] = set(programme.organisations.values_list("pk", flat=True))

    def organisation(self, key: str) -> Organisation | None:
        """A key of the data (an organisation, a role such as "gender", or a provider kind) as
        this programme's organisation; None where the programme has none in that role."""
        key = plan.ROLES[self.code].get(key, key)
        if key in PROVIDER_KINDS:
            if key not in self._providers:
                self._providers[key] = _provider(self.programme, PROVIDER_KINDS[key])
            organisation = self._providers[key]
        else:
            organisation = self.organisations.get(key)
            if organisation is None:
                return None
        if organisation.pk not in self._used:
            # The demo has the organisation work in the programme before it leads anything.
            organisation.programmes.add(self.programme)
            self._used.add(organisation.pk)
        return organisation


def _area_keys(programme: Programme) -> dict[str, Area | None]:
    areas = {(a.name_en, a.level): a for a in Area.objects.filter(programme=programme)}
    return {
        key: areas.get((name_en, level))
        for code, key, _parent, level, name_en, *_rest in data.AREAS
        if code == programme.code
    }


def _outputs(context: _Programme) -> None:
    for number, title_en, title_es in plan.OUTPUTS:
        output = context.outputs.get(number)
        pillar = context.pillars[int(number.split(".")[0])]
        if output is None:
            output = Output(programme=context.programme, number=number)
        elif (output.title_en, output.title_es, output.pillar_id) == (
            title_en,
            title_es,
            pillar.pk,
        ):
            continue
        output.pillar = pillar
        output.title, output.title_en, output.title_es = title_en, title_en, title_es
        output.full_clean()
        output.save()
        context.outputs[number] = output


def _priorities() -> None:
    programmes = {p.code: p for p in Programme.objects.filter(code__in=plan.PLANS)}
    for code, framework, priority_code, title_en, title_es in plan.EXTRA_PRIORITIES:
        if code in programmes:
            GovernmentPriority.objects.get_or_create(
                programme=programmes[code],
                framework=framework,
                code=priority_code,
                defaults={"title": title_en, "title_en": title_en, "title_es": title_es},
            )


def _month(value: str) -> date:
    year, month = (int(part) for part in value.split("-"))
    return date(year, month, 1)


def _end(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months - 1, 12)
    year, month = start.year + year, month + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _place(areas: list[Area], programme: Programme, language: str) -> str:
    if not areas:
        return (
            getattr(programme, f"name_{language}")
            .replace("Iniciativa Spotlight ", "")
            .replace("Spotlight Initiative ", "")
        )
    names = [getattr(area, f"name_{language}") or area.name_en for area in areas]
    joiner = " and " if language == "en" else " y "
    return joiner.join(names)


def _values(
    context: _Programme, row: plan.Row, number: int
) -> tuple[dict[str, Any], list[ParticipationRow]]:
    """What the services take for one row of the plan, and its participating organisations."""
    item = row.item or plan.CATALOGUE[row.key]
    programme = context.programme
    areas = [context.areas[key] for key in row.areas]
    start = _month(row.start)
    end = _end(start, row.months)
    fill = {
        "country": _place([], programme, "en"),
        "pais": _place([], programme, "es"),
        "place": _place(areas, programme, "en"),
        "lugar": _place(areas, programme, "es"),
        "year": start.year,
    }
    english = row.language in ("en", "both")
    spanish = row.language in ("es", "both")
    lead = context.organisation(row.lead or item.lead)
    assert lead is not None, f"{programme.code}: no lead organisation for {row.key}"
    if isinstance(row.budget, tuple):
        budget, currency = Decimal(row.budget[0]), row.budget[1]
        assert currency == LOCAL_CURRENCY[programme.code], row
    else:
        budget = Decimal(row.budget) if row.budget is not None else None
        currency = "USD"
    iati = ""
    if lead.iati_identifier and row.item is None:
        iati = f"{lead.iati_identifier}-{programme.code}-SI-{number:03d}"
    values: dict[str, Any] = {
        "title_en": item.title_en.format(**fill) if english else "",
        "title_es": item.title_es.format(**fill) if spanish else "",
        "description_en": item.description_en.format(**fill) if english else "",
        "description_es": item.description_es.format(**fill) if spanish else "",
        "lead_organisation": lead,
        "pillar": context.pillars[item.pillar],
        "output": context.outputs[item.output],
        "areas": areas,
        "planned_start": start,
        "planned_end": end,
        "actual_start": start if row.status in (2, 3, 4, 6) else None,
        "actual_end": end if row.status == 4 else None,
        "status": row.status,
        "budget": budget,
        "currency": currency,
        "priorities": [context.priorities[code] for code in row.priorities],
        "groups": [context.groups[code] for code in (*item.groups, *row.extra_groups)],
        # Published once under way; plans stay with the programme's members.
        "visibility": "public" if row.status in (2, 3, 4) and number % 3 == 0 else "programme",
        "iati_identifier": iati,
    }
    participations: list[ParticipationRow] = []
    eu = context.organisation("eu")
    if eu is not None:
        participations.append((eu, plan.FUNDING))  # the Spotlight Initiative is EU-funded
    for key, role in item.partners:
        organisation = context.organisation(key)
        if organisation is not None and organisation != lead:
            participations.append((organisation, role))
    return values, list(dict.fromkeys(participations))


def _first_title(values: dict[str, Any]) -> tuple[str, str]:
    return (
        ("title_en", values["title_en"]) if values["title_en"] else ("title_es", values["title_es"])
    )


def _coordinator(programme: Programme) -> User | None:
    membership = (
        Membership.objects.filter(programme=programme, role=Membership.Role.COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def demo_workplan_load(
    *,
    codes: Iterable[str] | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> int:
    """Create or refresh the demo workplans of the programmes ``codes`` (default: all that
    exist). Returns the number of activities in the plans loaded."""
    wanted = list(codes) if codes is not None else list(plan.PLANS)
    programmes = Programme.objects.filter(code__in=wanted).order_by("code")
    total = created = 0
    by_key: dict[tuple[str, str], Activity] = {}
    with transaction.atomic():
        organisations = _organisations()
        _priorities()
        for programme in programmes:
            context = _Programme(programme, organisations)
            _outputs(context)
            user = _coordinator(programme)
            existing = {
                (field, value): activity
                for activity in Activity.objects.filter(programme=programme).select_related(
                    "lead_organisation", "pillar", "output"
                )
                for field, value in (
                    ("title_en", activity.title_en),
                    ("title_es", activity.title_es),
                )
                if value
            }
            seen: set[tuple[str, str]] = set()
            for number, row in enumerate(plan.PLANS[programme.code], start=1):
                values, participations = _values(context, row, number)
                key = _first_title(values)
                assert key not in seen, f"{programme.code}: two activities titled {key[1]!r}"
                seen.add(key)
                activity = existing.get(key)
                if activity is None:
                    activity = services.activity_create(
                        programme=programme, user=user, participations=participations, **values
                    )
                    created += 1
                else:
                    now = set(activity.participations.values_list("organisation_id", "role"))
                    wanted_rows = {(o.pk, int(role)) for o, role in participations}
                    activity = services.activity_update(
                        activity=activity,
                        user=user,
                        data=values,
                        participations=participations if now != wanted_rows else None,
                    )
                by_key.setdefault((programme.code, row.key), activity)
                total += 1
        _updates(by_key)
    report(f"{total} workplan activities ({created} new)")
    return total


def _updates(activities: dict[tuple[str, str], Activity]) -> None:
    """The demo's updates on activities, each posted once."""
    users = {u.username: u for u in User.objects.filter(username__in={r[2] for r in plan.UPDATES})}
    for code, key, username, kind, language, text in plan.UPDATES:
        activity = activities.get((code, key))
        if activity is None or username not in users:
            continue
        if ActivityUpdate.objects.filter(activity=activity, kind=kind, text=text).exists():
            continue
        activity_update_post(
            activity=activity, author=users[username], kind=kind, language=language, text=text
        )
