"""Load the demo coordination bodies (``demo.coordination_data``) into the demo programmes.
Idempotent, and fresh: dates are relative to today.

Everything goes through ``coordination.services``, so validation, constraints and history are
what they would be for a secretariat recording meetings by hand. Each body has one series of
meetings starting about a year back; the series' past meetings that are still "planned" are
recorded as held (agenda, attendance, approval of the previous minutes, decisions, action items,
minutes), except the few the data cancels or moves. A second run finds them all recorded and
writes nothing; a run weeks later records the meetings held since and extends the series.

What happened on each meeting is drawn from a random generator seeded with the body and the
occurrence, so that the same meeting always gets the same story. Services stamp "now" on
approvals and closures; those two dates are then set to when they happened in the story (on
the row and on its latest history record), so that carry-over and the participation figures
read true.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from collections.abc import Callable, Iterable
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.text import slugify

from accounts.models import User
from coordination import mail, selectors, services
from coordination.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingSeries,
)
from demo import coordination_data as spec_data
from demo.coordination_data import BodySpec, Text
from demo.data import PASSWORD
from demo.directory import _id, _provider
from demo.workplan import _organisations
from organisations.models import Organisation
from programmes.models import Membership, Pillar, Programme
from workplan.models import Activity

# A meeting is recorded once it ended this long ago.
SETTLED = datetime.timedelta(hours=3)


def _organisation(
    programme: Programme, key: str, organisations: dict[str, Organisation]
) -> Organisation:
    if key.startswith("provider:"):
        kind = key.split(":", 1)[1]
        found = Organisation.objects.filter(hsds_id=_id("org", programme.code, kind)).first()
        return found or _provider(programme, kind)
    organisation = organisations[key]
    if not organisation.programmes.filter(pk=programme.pk).exists():
        organisation.programmes.add(programme)
    return organisation


def _people(
    programme: Programme, organisations: dict[str, Organisation], password: str
) -> dict[str, User]:
    """The programme's demo people by slot, created (and made members) if missing; ``password``
    is the demo password already hashed (hashing is slow on purpose, so it is done once)."""
    people = {}
    for slot, (username, first, last, key, role) in spec_data.PEOPLE[programme.code].items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.spotlight.invalid",
                organisation=_organisation(programme, key, organisations),
                preferred_language=programme.default_language,
            )
            user.password = password
            user.full_clean()
            user.save()
        Membership.objects.get_or_create(user=user, programme=programme, defaults={"role": role})
        people[slot] = user
    return people


def _text(text: Text, language: str) -> str:
    return text[1] if language == "es" else text[0]


def _name(organisation: Organisation | None, language: str) -> str:
    if organisation is None:
        return "—"
    return organisation.acronym or getattr(organisation, f"name_{language}") or organisation.name


def _date(value: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


class _Loader:
    """One programme's bodies and their year of meetings."""

    def __init__(
        self,
        programme: Programme,
        organisations: dict[str, Organisation],
        now: datetime.datetime,
        password: str,
    ) -> None:
        self.programme = programme
        self.now = now
        self.zone = zoneinfo.ZoneInfo(programme.time_zone)
        self.today = timezone.localdate(now, self.zone)
        self.people = _people(programme, organisations, password)
        self.coordinator = self.people["rco"]
        self.eu = organisations["eu"]
        self.bodies: dict[str, Body] = {}
        self.pillars = {p.number: p for p in Pillar.objects.all()}
        self.activities: dict[int | None, list[Activity]] = {None: []}
        for activity in Activity.objects.filter(programme=programme).select_related("pillar"):
            self.activities[None].append(activity)
            self.activities.setdefault(activity.pillar.number, []).append(activity)
        self.meetings_recorded = 0

    # --- Bodies and members ---------------------------------------------------------------

    def body(self, spec: BodySpec) -> Body:
        values: dict[str, Any] = {
            "type": spec.type,
            "name_en": spec.name[0],
            "name_es": spec.name[1],
            "mandate_en": spec.mandate[0],
            "mandate_es": spec.mandate[1],
            "pillar": self.pillars[spec.pillar] if spec.pillar else None,
            "chair_organisation": self.people[spec.chair].organisation,
            "co_chair_organisation": (
                self.people[spec.co_chair].organisation if spec.co_chair else None
            ),
            "parent": self.bodies[spec.parent] if spec.parent else None,
            "visibility": spec.visibility,
        }
        body = Body.objects.filter(programme=self.programme, name_en=spec.name[0]).first()
        if body is None:
            body = services.body_create(programme=self.programme, user=self.coordinator, **values)
        else:
            body = services.body_update(body=body, user=self.coordinator, data=values)
        seated = set(body.members.values_list("person_id", flat=True))
        for slot, role in spec.members.items():
            person = self.people[slot]
            if person.pk not in seated:
                services.body_member_add(body=body, user=self.coordinator, person=person, role=role)
        self.bodies[spec.key] = body
        return body

    def secretary(self, spec: BodySpec) -> User:
        slot = next((s for s, role in spec.members.items() if role == "secretariat"), "rco")
        return self.people[slot]

    # --- Meetings -------------------------------------------------------------------------

    def series(self, spec: BodySpec, body: Body) -> MeetingSeries:
        series = body.series.order_by("pk").first()
        if series is not None:
            services.series_extend(series=series, user=self.secretary(spec))
            return series
        place, link = spec_data.PLACES[self.programme.code]
        first = (self.today - datetime.timedelta(days=365)).replace(day=1)
        return services.series_create(
            body=body,
            user=self.secretary(spec),
            rrule=spec.rrule,
            start_date=first,
            start_time=datetime.time(spec.hour, 0),
            duration_minutes=spec.duration,
            language=self.programme.default_language,
            mode=spec.mode,
            place=place if spec.mode != "online" else "",
            online_link=link + "/" + spec.key if spec.mode != "in_person" else "",
        )

    def meetings(self, spec: BodySpec, body: Body) -> None:
        series = self.series(spec, body)
        user = self.secretary(spec)
        occurrences = list(series.meetings.order_by("original_start", "pk"))
        ordinal = {meeting.pk: index for index, meeting in enumerate(occurrences)}
        past = [
            m
            for m in occurrences
            if m.status == Meeting.Status.PLANNED and m.end < self.now - SETTLED
        ]
        for meeting in past:
            index = ordinal[meeting.pk]
            if index in spec.cancelled:
                services.meeting_cancel(meeting=meeting, user=user)
            elif index in spec.moved and not meeting.is_moved:
                moved = meeting.start + datetime.timedelta(days=spec.moved[index])
                if moved + datetime.timedelta(minutes=meeting.duration_minutes) < self.now:
                    services.meeting_move(meeting=meeting, user=user, start=moved)
        to_record = [m for m in past if m.status == Meeting.Status.PLANNED]
        if to_record:
            previous = (
                body.meetings.filter(status=Meeting.Status.HELD, start__lt=to_record[0].start)
                .order_by("-start")
                .first()
            )
            for meeting in to_record:
                self.record(spec, body, meeting, previous, ordinal[meeting.pk])
                previous = meeting
        self.prepare_next(spec, body, ordinal)

    def prepare_next(self, spec: BodySpec, body: Body, ordinal: dict[int, int]) -> None:
        """A draft agenda for the coming meeting, and the EU Delegation invited to all."""
        coming = list(
            body.meetings.filter(start__gte=self.now, status=Meeting.Status.PLANNED)
            .order_by("start")
            .prefetch_related("guests")
        )
        if not coming:
            return
        user = self.secretary(spec)
        if spec.eu_guest:
            for meeting in coming:
                if not meeting.guests.all():
                    self.invite_eu(meeting, user, status="")
        following = coming[0]
        if following.agenda_items.exists():
            return
        previous_held = body.meetings.filter(
            status=Meeting.Status.HELD, start__lt=following.start
        ).exists()
        rng = self.rng(body, following)
        titles: list[tuple[Text, int, User | None]] = []
        if previous_held:
            titles.append((spec_data.APPROVAL_ITEM, 5, None))
            titles.append((spec_data.ACTIONS_ITEM, 10, user))
        index = ordinal.get(following.pk, 0)
        titles.append((spec.topics[index % len(spec.topics)], 30, self.presenter(spec, rng)))
        for title, minutes, presenter in titles:
            services.agenda_item_add(
                meeting=following,
                user=user,
                title_en=title[0],
                title_es=title[1],
                presenter=presenter,
                presenter_organisation=presenter.organisation if presenter else None,
                duration_minutes=minutes,
            )

    def invite_eu(self, meeting: Meeting, user: User, status: str) -> None:
        name = spec_data.EU_GUESTS[self.programme.code]
        services.guest_add(
            meeting=meeting,
            user=user,
            name=name,
            email=slugify(name).replace("-", ".") + "@eeas.demo.spotlight.invalid",
            organisation=self.eu,
            status=status,
        )

    def rng(self, body: Body, meeting: Meeting) -> random.Random:
        moment = (meeting.original_start or meeting.start).isoformat()
        # Reproducible demo stories, not secrets.
        return random.Random(f"{self.programme.code}:{body.name_en}:{moment}")  # noqa: S311

    def presenter(self, spec: BodySpec, rng: random.Random) -> User:
        slots = [slot for slot, role in spec.members.items() if role != "observer"]
        return self.people[rng.choice(slots)]

    def linked(self, spec: BodySpec, index: int) -> list[Activity]:
        """One or two workplan activities of the body's pillar (any pillar without one)."""
        activities = self.activities.get(spec.pillar, []) if spec.link_activities else []
        if not activities:
            return []
        first = (index * 3) % len(activities)
        chosen = {activities[first], activities[(first + 1 + index) % len(activities)]}
        return sorted(chosen, key=lambda activity: activity.pk)[: 1 + index % 2]

    def record(
        self,
        spec: BodySpec,
        body: Body,
        meeting: Meeting,
        previous: Meeting | None,
        index: int,
    ) -> None:
        """Record a past meeting as held: agenda, attendance, approval of the previous minutes,
        decisions, action items and minutes."""
        rng = self.rng(body, meeting)
        user = self.secretary(spec)
        language = meeting.language
        agenda = list(meeting.agenda_items.order_by("order", "pk"))
        if not agenda:
            agenda = self.agenda(spec, meeting, previous, index, rng, user)
        topics = [item for item in agenda if item.duration_minutes and item.duration_minutes >= 20]
        services.meeting_update(meeting=meeting, user=user, data={"status": Meeting.Status.HELD})

        members = list(selectors.members_of(body))
        rows = []
        for member in members:
            if member.person_id == user.pk or rng.random() < spec_data.PRESENCE.get(
                member.stakeholder_type, 0.7
            ):
                status = Attendance.Status.PRESENT
            elif rng.random() < 0.7:
                status = Attendance.Status.APOLOGIES
            else:
                status = Attendance.Status.ABSENT
            rows.append((member, status))
        services.attendance_record(meeting=meeting, user=user, rows=rows)
        if spec.eu_guest and not meeting.guests.exists():
            present = rng.random() < spec_data.PRESENCE["donor"]
            self.invite_eu(
                meeting,
                user,
                status=Attendance.Status.PRESENT if present else Attendance.Status.APOLOGIES,
            )

        if previous is not None and previous.minutes and previous.minutes_approved_at is None:
            services.minutes_approve(meeting=previous, at_meeting=meeting, user=user)
            _backdate(previous, minutes_approved_at=meeting.end)

        decisions: list[Decision] = []
        for number in range(rng.choice([0, 1, 1, 2])):
            text = spec.decisions[(index + number) % len(spec.decisions)]
            decisions.append(
                services.decision_record(
                    meeting=meeting,
                    user=user,
                    text=_text(text, language),
                    agenda_item=topics[number % len(topics)] if topics else None,
                )
            )

        owners = [m for m in members if m.role != BodyMember.Role.OBSERVER]
        actions: list[ActionItem] = []
        for number in range(rng.choice([1, 2, 2, 3])):
            owner = owners[rng.randrange(len(owners))]
            text = spec.actions[(index * 2 + number) % len(spec.actions)]
            item = services.action_item_create(
                meeting=meeting,
                user=user,
                text=_text(text, language),
                due_date=timezone.localdate(meeting.start, self.zone)
                + datetime.timedelta(days=rng.choice([14, 21, 30])),
                owner=owner.person,
                owner_organisation=owner.organisation,
                agenda_item=topics[number % len(topics)] if topics else None,
                decision=decisions[number] if number < len(decisions) else None,
            )
            self.settle(item, meeting, user, rng)
            actions.append(item)

        minutes = self.minutes(
            meeting, previous, agenda, rows, decisions, actions, present_eu=spec.eu_guest
        )
        services.minutes_save(meeting=meeting, user=user, minutes=minutes)
        self.meetings_recorded += 1

    def agenda(
        self,
        spec: BodySpec,
        meeting: Meeting,
        previous: Meeting | None,
        index: int,
        rng: random.Random,
        user: User,
    ) -> list[AgendaItem]:
        titles: list[tuple[Text, int, User | None, list[Activity]]] = []
        if previous is not None:
            titles.append((spec_data.APPROVAL_ITEM, 5, None, []))
            titles.append((spec_data.ACTIONS_ITEM, 10, user, []))
        count = len(spec.topics)
        titles.append((spec.topics[index % count], 30, self.presenter(spec, rng), []))
        titles[-1] = (*titles[-1][:3], self.linked(spec, index))
        if count > 2:
            titles.append((spec.topics[(index + 1) % count], 20, self.presenter(spec, rng), []))
        titles.append((spec_data.AOB_ITEM, 5, None, []))
        return [
            services.agenda_item_add(
                meeting=meeting,
                user=user,
                title_en=title[0],
                title_es=title[1],
                presenter=presenter,
                presenter_organisation=presenter.organisation if presenter else None,
                duration_minutes=minutes,
                activities=activities,
            )
            for title, minutes, presenter, activities in titles
        ]

    def settle(self, item: ActionItem, meeting: Meeting, user: User, rng: random.Random) -> None:
        """Take the action item where it stands today: done on time or late, dropped, in
        progress or still open (overdue once its date passed)."""
        due = item.due_date

        def at(day: datetime.date) -> datetime.datetime:
            moment = datetime.datetime.combine(day, datetime.time(16, 0), tzinfo=self.zone)
            return max(moment, meeting.end)

        if due >= self.today:
            if rng.random() < 0.4:
                services.action_item_set_status(item=item, user=user, status="in_progress")
            return
        draw = rng.random()
        if draw < 0.45:
            status, closed = "done", at(due - datetime.timedelta(days=rng.randint(0, 5)))
        elif draw < 0.65:
            status, closed = "done", at(due + datetime.timedelta(days=rng.randint(3, 25)))
        elif draw < 0.75:
            status, closed = "dropped", at(due + datetime.timedelta(days=rng.randint(1, 10)))
        elif draw < 0.88:
            return  # still open, overdue
        else:
            status, closed = "in_progress", None
        if closed is not None and closed >= self.now:
            status, closed = "in_progress", None
        services.action_item_set_status(item=item, user=user, status=status)
        if closed is not None:
            _backdate(item, closed_at=closed)

    def minutes(
        self,
        meeting: Meeting,
        previous: Meeting | None,
        agenda: list[AgendaItem],
        rows: list[tuple[BodyMember, str]],
        decisions: list[Decision],
        actions: list[ActionItem],
        *,
        present_eu: bool,
    ) -> str:
        """Minutes in Markdown, in the meeting's language; organisations, never people's names
        (readers outside the programme see the minutes of public bodies)."""
        language = meeting.language
        es = language == "es"

        def names(status: str) -> str:
            found = sorted({_name(m.organisation, language) for m, s in rows if s == status})
            return ", ".join(found) or "—"

        lines = [
            f"**{'Presentes' if es else 'Present'}:** {names(Attendance.Status.PRESENT)}",
            "",
            f"**{'Excusas' if es else 'Apologies'}:** {names(Attendance.Status.APOLOGIES)}",
            "",
        ]
        if present_eu:
            guest = meeting.guests.select_related("organisation").first()
            if guest is not None and guest.attendance.filter(status="present").exists():
                lines += [
                    f"**{'Invitada' if es else 'Guest'}:** {_name(guest.organisation, language)}",
                    "",
                ]
        for number, item in enumerate(agenda, start=1):
            lines.append(f"## {number}. {item.title_es if es else item.title_en}")
            lines.append("")
            if item.title_en == spec_data.APPROVAL_ITEM[0] and previous is not None:
                day = _date(timezone.localdate(previous.start, self.zone), meeting.language)
                lines.append(
                    f"Se aprobó sin cambios el acta de la reunión del {day}."
                    if es
                    else f"The minutes of the meeting of {day} were approved without changes."
                )
            elif item.title_en == spec_data.ACTIONS_ITEM[0]:
                lines.append(
                    "La secretaría repasó los compromisos abiertos; los vencidos se mantienen en "
                    "la agenda."
                    if es
                    else "The secretariat went through the open action items; overdue ones stay "
                    "on the agenda."
                )
            elif item.title_en == spec_data.AOB_ITEM[0]:
                lines.append("Sin otros asuntos." if es else "No other business.")
            else:
                who = _name(item.presenter_organisation, language)
                lines.append(
                    f"{who} presentó el tema. Se discutieron avances, dificultades y próximos pasos."
                    if es
                    else f"{who} presented the item. Members discussed progress, difficulties "
                    "and next steps."
                )
                if item.activities.exists():
                    lines.append("")
                    lines.append(
                        "Actividades del plan de trabajo revisadas: "
                        if es
                        else "Workplan activities reviewed: "
                    )
                    lines[-1] += "; ".join(
                        (a.title_es or a.title_en) if es else (a.title_en or a.title_es)
                        for a in item.activities.all()
                    )
            lines.append("")
        if decisions:
            lines += [f"## {'Decisiones' if es else 'Decisions'}", ""]
            lines += [
                f"- {'Decisión' if es else 'Decision'} {d.number}: {d.text}" for d in decisions
            ]
            lines.append("")
        if actions:
            lines += [f"## {'Compromisos' if es else 'Action items'}", ""]
            for action in actions:
                due = _date(action.due_date, meeting.language)
                lines.append(
                    f"- {action.text} ({_name(action.owner_organisation, language)}, "
                    f"{'para el' if es else 'due'} {due})"
                )
        return "\n".join(lines).strip() + "\n"


def _backdate(instance: Any, **values: Any) -> None:
    """Set dates a service stamped with "now" to when they happened in the demo's story, on the
    row and on its latest history record."""
    type(instance).objects.filter(pk=instance.pk).update(**values)
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is not None:
        type(latest).objects.filter(pk=latest.pk).update(**values)
    for name, value in values.items():
        setattr(instance, name, value)


def demo_coordination_load(
    *,
    codes: Iterable[str] | None = None,
    keys: Iterable[str] | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> int:
    """Create or refresh the demo bodies and their meetings (of the programmes ``codes``, and
    only the bodies ``keys`` of ``coordination_data.BODIES`` when given, with the bodies they
    are sub-committees of). Returns the number of bodies."""
    programmes = Programme.objects.filter(code__in=codes or spec_data.PEOPLE).order_by("code")
    specs = spec_data.BODIES
    if keys is not None:
        wanted = set(keys)
        wanted |= {spec.parent for spec in specs if spec.key in wanted and spec.parent}
        specs = [spec for spec in specs if spec.key in wanted]
    now = timezone.now()
    password = make_password(PASSWORD)
    bodies = recorded = 0
    # Nobody is told of the demo's meetings: its people have made-up addresses, and the
    # invitations to a year of meetings would take longer to write than the meetings.
    with mock.patch.object(mail, "invite_on_commit"), transaction.atomic():
        organisations = _organisations()
        for programme in programmes:
            loader = _Loader(programme, organisations, now, password)
            for spec in specs:
                body = loader.body(spec)
                loader.meetings(spec, body)
                bodies += 1
            recorded += loader.meetings_recorded
    report(f"{bodies} coordination bodies ({recorded} meetings recorded now)")
    return bodies
