"""Forms of the coordination pages. They read and check what people type; the services validate
again and their errors come back under the same field names (``apply_errors``)."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from coordination import recurrence
from coordination.models import (
    ActionItem,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    MeetingMode,
    StakeholderType,
)
from organisations.models import Organisation
from programmes.models import Pillar, Programme
from workplan.models import Activity


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def organisations_of(programme: Programme) -> Any:
    return Organisation.objects.filter(programmes=programme).order_by("name")


def people_of(programme: Programme) -> Any:
    return User.objects.filter(memberships__programme=programme).order_by(
        "first_name", "last_name", "username"
    )


def apply_errors(error: ValidationError, form: forms.Form) -> None:
    """Put a service's errors under the fields they name, the rest above the form."""
    for field, messages in error.update_error_dict({}).items():
        form.add_error(field if field in form.fields else None, messages)


def local_datetime(date: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(date, time, tzinfo=zoneinfo.ZoneInfo(zone))


# --- Bodies -----------------------------------------------------------------------------------

BODY_FORM_FIELDS = [
    "name_en",
    "name_es",
    "type",
    "pillar",
    "parent",
    "mandate_en",
    "mandate_es",
    "chair_organisation",
    "co_chair_organisation",
    "terms_of_reference",
    "visibility",
]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = BODY_FORM_FIELDS
        widgets = {
            "mandate_en": forms.Textarea(attrs={"rows": 4}),
            "mandate_es": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        languages = dict(settings.LANGUAGES)
        for base in ("name", "mandate"):
            for code, language in languages.items():
                field = self.fields[f"{base}_{code}"]
                field.required = False
                field.label = _("%(field)s (%(language)s)") % {
                    "field": _("Name") if base == "name" else _("Mandate"),
                    "language": language,
                }
        organisations = organisations_of(programme)
        self.fields["chair_organisation"].queryset = organisations
        self.fields["co_chair_organisation"].queryset = organisations
        self.fields["pillar"].queryset = Pillar.objects.order_by("number")
        parents = Body.objects.filter(programme=programme).order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in BODY_FORM_FIELDS}
        if data["terms_of_reference"] in (None, False):
            # Unchanged (None) keeps the stored file; "clear" (False) removes it.
            if data["terms_of_reference"] is None:
                del data["terms_of_reference"]
            else:
                data["terms_of_reference"] = ""
        for name in ("name_en", "name_es", "mandate_en", "mandate_es"):
            data[name] = (data[name] or "").strip()
        return data


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(label=gettext_lazy("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=BodyMember.Role.choices, initial="member"
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty for the organisation on the person's profile."),
    )
    stakeholder_type = forms.ChoiceField(
        label=gettext_lazy("Stakeholder type"),
        choices=[("", gettext_lazy("From the organisation")), *StakeholderType.choices],
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(body.programme).exclude(
            body_memberships__body=body
        )
        self.fields["organisation"].queryset = organisations_of(body.programme)


class MemberChangeForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=BodyMember.Role.choices)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    stakeholder_type = forms.ChoiceField(
        label=gettext_lazy("Stakeholder type"), choices=StakeholderType.choices
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(body.programme)


# --- Meetings ---------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    """A one-off meeting, or a series from a preset or an RFC 5545 rule written by hand."""

    REPEAT_CHOICES = [
        ("once", gettext_lazy("Does not repeat")),
        ("monthly_first_tuesday", gettext_lazy("Monthly, on the first Tuesday")),
        ("every_other_week", gettext_lazy("Every other week, on the same weekday")),
        ("monthly_on_day", gettext_lazy("Monthly, on the same day of the month")),
        ("weekly", gettext_lazy("Every week, on the same weekday")),
        ("custom", gettext_lazy("Custom rule (RFC 5545)")),
    ]

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    date = forms.DateField(label=gettext_lazy("Date (the first, for a series)"), widget=DateInput())
    time = forms.TimeField(label=gettext_lazy("Starts at"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration (minutes)"), min_value=5, max_value=24 * 60, initial=90
    )
    repeat = forms.ChoiceField(
        label=gettext_lazy("Repeats"),
        choices=REPEAT_CHOICES,
        initial="once",
        widget=forms.RadioSelect,
    )
    rrule = forms.CharField(
        label=gettext_lazy("Custom rule"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "For experts, with “Custom rule”: e.g. FREQ=MONTHLY;BYDAY=-1FR (last Friday of each month)."
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the meeting"), choices=())
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=MeetingMode.choices)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)
    online_link = forms.URLField(
        label=gettext_lazy("Link to join online"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        languages = dict(settings.LANGUAGES)
        self.fields["language"].choices = [
            (code, languages[code]) for code in programme.languages if code in languages
        ] or list(settings.LANGUAGES)
        self.fields["language"].initial = programme.default_language
        self.fields["time"].help_text = _("In the programme's time zone, %(zone)s.") % {
            "zone": programme.time_zone
        }

    def rule(self) -> str:
        data = self.cleaned_data
        repeat = data["repeat"]
        if repeat == "custom":
            return recurrence.normalise(data.get("rrule") or "")
        if repeat == "monthly_on_day":
            return f"FREQ=MONTHLY;BYMONTHDAY={data['date'].day}"
        return recurrence.PRESETS[repeat]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("repeat") == "custom":
            try:
                recurrence.parse(data.get("rrule") or "")
            except ValidationError as error:
                self.add_error("rrule", error)
        return data

    def is_series(self) -> bool:
        return self.cleaned_data["repeat"] != "once"

    def meeting_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "start": local_datetime(data["date"], data["time"], self.programme.time_zone),
            "duration_minutes": data["duration_minutes"],
            "language": data["language"],
            "mode": data["mode"],
            "place": data["place"].strip(),
            "online_link": data["online_link"],
        }

    def series_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "rrule": self.rule(),
            "start_date": data["date"],
            "start_time": data["time"],
            "duration_minutes": data["duration_minutes"],
            "language": data["language"],
            "mode": data["mode"],
            "place": data["place"].strip(),
            "online_link": data["online_link"],
        }


class MeetingEditForm(forms.Form):
    """Change one meeting: moving an occurrence of a series is changing its date or time here."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    date = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    time = forms.TimeField(label=gettext_lazy("Starts at"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration (minutes)"), min_value=5, max_value=24 * 60
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Meeting.Status.choices)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the meeting"), choices=settings.LANGUAGES
    )
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=MeetingMode.choices)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)
    online_link = forms.URLField(
        label=gettext_lazy("Link to join online"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["time"].help_text = _("In the programme's time zone, %(zone)s.") % {
            "zone": programme.time_zone
        }

    @classmethod
    def initial_of(cls, meeting: Meeting, programme: Programme) -> dict[str, Any]:
        local = meeting.start.astimezone(zoneinfo.ZoneInfo(programme.time_zone))
        return {
            "title": meeting.title,
            "date": local.date(),
            "time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "status": meeting.status,
            "language": meeting.language,
            "mode": meeting.mode,
            "place": meeting.place,
            "online_link": meeting.online_link,
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["start"] = local_datetime(data.pop("date"), data.pop("time"), self.programme.time_zone)
        data["title"] = data["title"].strip()
        data["place"] = data["place"].strip()
        return data


# --- Recording a meeting ------------------------------------------------------------------------


class AgendaItemForm(forms.Form):
    title_en = forms.CharField(label=gettext_lazy("Item (English)"), max_length=300, required=False)
    title_es = forms.CharField(label=gettext_lazy("Item (Spanish)"), max_length=300, required=False)
    presenter = forms.ModelChoiceField(
        label=gettext_lazy("Presenter"), queryset=User.objects.none(), required=False
    )
    presenter_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Presenting organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Minutes"), min_value=1, max_value=24 * 60, required=False
    )
    activities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Workplan activities discussed"),
        queryset=Activity.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = people_of(programme)
        self.fields["presenter_organisation"].queryset = organisations_of(programme)
        self.fields["activities"].queryset = (
            Activity.objects.visible_to(user).filter(programme=programme).order_by("title")
        )


class GuestForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail address"), required=False)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    stakeholder_type = forms.ChoiceField(
        label=gettext_lazy("Stakeholder type"),
        choices=[("", gettext_lazy("From the organisation")), *StakeholderType.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Attendance"),
        choices=[("", gettext_lazy("Invited (not recorded yet)")), *Attendance.Status.choices],
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(programme)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("stakeholder_type") and not data.get("organisation"):
            self.add_error(
                "stakeholder_type", _("Choose the stakeholder type, or the guest's organisation.")
            )
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=gettext_lazy("Minutes (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "Headings with #, lists with - or 1., **bold**, links as [text](https://…)."
        ),
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.TypedChoiceField(
        label=gettext_lazy("Agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, agenda: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "—")] + [
            (str(item.pk), f"{item.order}. {item.title}") for item in agenda
        ]


class ActionItemForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"), queryset=User.objects.none(), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Owner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    due_date = forms.DateField(label=gettext_lazy("Due"), widget=DateInput())
    agenda_item = forms.TypedChoiceField(
        label=gettext_lazy("From agenda item"), required=False, coerce=int, empty_value=None
    )
    decision = forms.TypedChoiceField(
        label=gettext_lazy("From decision"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        agenda: list[Any],
        decisions: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(programme)
        self.fields["owner_organisation"].queryset = organisations_of(programme)
        self.fields["agenda_item"].choices = [("", "—")] + [
            (str(item.pk), f"{item.order}. {item.title}") for item in agenda
        ]
        self.fields["decision"].choices = [("", "—")] + [
            (str(decision.pk), f"{decision.number}. {decision.text[:60]}") for decision in decisions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("owner") and not data.get("owner_organisation"):
            self.add_error("owner", _("Name the person or the organisation who owns it."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionItem.Status.choices)


class ActionFilterForm(forms.Form):
    person = forms.ModelChoiceField(
        label=gettext_lazy("Person"), queryset=User.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    closed = forms.BooleanField(label=gettext_lazy("Include closed actions"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(programme)
        self.fields["organisation"].queryset = organisations_of(programme)
