"""The minutes as a PDF: a real PDF, named after the body, date and language, holding the
decisions and action items in the meeting's language, with names only for programme members,
for whoever reads the meeting page. The text is checked in the HTML drawn into the PDF (pypdf is
not a dependency of the hub)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from coordination import services
from coordination.minutes_pdf import minutes_file_name, minutes_html
from coordination.models import Meeting
from coordination.tests.conftest import meeting, member

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def held(world: SimpleNamespace) -> Meeting:
    chair = world.people["focal_point"]
    at = meeting(
        world,
        datetime.datetime(2026, 11, 3, 15, 0, tzinfo=UTC),
        language="es",
        mode="both",
        place="Jamaica House",
    )
    services.agenda_item_add(meeting=at, user=chair, title_es="Campaña de 16 días")
    services.attendance_record(
        meeting=at, user=chair, rows=[(member(world, "focal_point"), "present")]
    )
    services.attendance_record(
        meeting=at, user=chair, rows=[(member(world, "observer"), "apologies")]
    )
    services.minutes_save(meeting=at, user=chair, minutes="## Resumen\n\nSe revisó la campaña.")
    decision = services.decision_record(
        meeting=at, user=chair, text="Aprobar el plan de medios de la campaña"
    )
    services.action_item_create(
        meeting=at,
        user=chair,
        text="Enviar el plan a la Delegación de la UE",
        owner=chair,
        owner_organisation=world.un_women,
        decision=decision,
        due_date=datetime.date(2026, 11, 17),
    )
    return at


def test_minutes_hold_decisions_and_action_items_in_the_meeting_language(held: Meeting) -> None:
    html = minutes_html(held, sees_people=True)

    assert '<html lang="es">' in html
    assert "Grupo de Trabajo de Comunicaciones" in html
    assert "Aprobar el plan de medios de la campaña" in html
    assert "Enviar el plan a la Delegación de la UE" in html
    assert "17 de noviembre de 2026" in html
    assert "Campaña de 16 días" in html
    assert "<h2>Resumen</h2>" in html
    assert "Jamaica House" in html
    assert "10:00" in html and "America/Jamaica" in html  # 15:00 UTC on Kingston's clock


def test_minutes_give_names_only_to_programme_members(
    held: Meeting, world: SimpleNamespace
) -> None:
    chair = str(world.people["focal_point"])

    with_names = minutes_html(held, sees_people=True)
    without = minutes_html(held, sees_people=False)

    with translation.override("es"):
        un_women, ministry = str(world.un_women), str(world.ministry)
    assert chair in with_names
    assert chair not in without
    assert un_women in without
    assert ministry in without  # the observer's organisation, without the observer
    assert str(world.people["observer"]) not in without


def test_file_name_says_body_date_and_language(held: Meeting) -> None:
    assert minutes_file_name(held) == "acta-JM-grupo-de-trabajo-de-comunicaciones-2026-11-03-es.pdf"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", 200),
        ("focal_point", 200),
        ("partner", 200),
        ("observer", 200),
        ("outsider", 404),
        ("stranger", 404),
        ("anonymous", 404),
    ],
)
def test_pdf_is_for_whoever_reads_the_meeting_page(
    held: Meeting, client_for, role: str, expected: int
) -> None:
    url = reverse("coordination:minutes_pdf", args=["JM", held.pk])

    response = client_for(role).get(url)

    assert response.status_code == expected
    page = client_for(role).get(reverse("coordination:meeting", args=["JM", held.pk]))
    assert page.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Cache-Control"] == "no-store"
        assert (
            "acta-JM-grupo-de-trabajo-de-comunicaciones-2026-11-03-es.pdf"
            in (response["Content-Disposition"])
        )
        assert url.encode() in page.content


def test_regional_reader_gets_the_pdf_without_names(
    held: Meeting, world: SimpleNamespace, client_for, monkeypatch
) -> None:
    services.body_update(body=world.task_force, user=None, data={"visibility": "region"})
    drawn: list[str] = []
    from coordination import minutes_pdf

    real = minutes_pdf.minutes_html
    monkeypatch.setattr(
        minutes_pdf, "minutes_html", lambda m, **kw: drawn.append(real(m, **kw)) or drawn[-1]
    )

    response = client_for("outsider").get(reverse("coordination:minutes_pdf", args=["JM", held.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert str(world.people["focal_point"]) not in drawn[0]
    assert "Aprobar el plan de medios" in drawn[0]
