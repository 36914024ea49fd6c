"""Generate a bilingual directory of N services at locations for the benchmarks.

    .venv/bin/python -m bench.generate --size 100000

Builds ``var/bench-<N>/hub.sqlite3`` from scratch: migrates it, collects the static files, and
writes one programme (Trinidad and Tobago, English and Spanish) with its communities, hotlines and
N services, each at one location, in the shapes the demo directory uses: names and descriptions in
both languages mixing the Essential Services terms, communities and organisations, opening hours,
public and private phones, languages spoken, service areas, some confidential shelters and some
inactive or members-only services. Rows go in by chunks of 5,000 services with one executemany
per table, indexes dropped during the load and built once at the end. The search index is built
from the same ``directory.search.public_texts`` and ``tokens_of`` the hub indexes with (and checked
against ``index_services`` on a sample), not by ``services_refresh`` per service. Then ANALYZE, so
that SQLite plans with real statistics.

Prints the time of each step and the total. Deterministic for a given N (seeded).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from decimal import Decimal
from types import SimpleNamespace

from bench.common import PROGRAMME, database, setup, var_dir

CHUNK = 5_000

# (region en, region es, latitude, longitude, communities within it)
REGIONS = [
    ("Port of Spain", "Puerto España", 10.66, -61.51, ["Belmont", "Woodbrook", "St James"]),
    ("San Fernando", "San Fernando", 10.28, -61.46, ["Marabella", "Pleasantville", "Gulf View"]),
    ("Arima", "Arima", 10.64, -61.28, ["Malabar", "O'Meara", "Calvary Hill"]),
    ("Chaguanas", "Chaguanas", 10.52, -61.41, ["Endeavour", "Felicity", "Enterprise"]),
    ("Point Fortin", "Punta Fortín", 10.17, -61.68, ["Techier", "Clifton Hill"]),
    ("Diego Martin", "Diego Martín", 10.72, -61.56, ["Petit Valley", "Carenage", "Glencoe"]),
    ("San Juan–Laventille", "San Juan–Laventille", 10.69, -61.45, ["Morvant", "Barataria"]),
    ("Tunapuna–Piarco", "Tunapuna–Piarco", 10.65, -61.39, ["Curepe", "St Augustine", "Arouca"]),
    ("Couva–Tabaquite–Talparo", "Couva–Tabaquite–Talparo", 10.42, -61.40, ["Couva", "Claxton Bay"]),
    ("Mayaro–Rio Claro", "Mayaro–Río Claro", 10.29, -61.17, ["Rio Claro", "Guayaguayare"]),
    ("Sangre Grande", "Sangre Grande", 10.58, -61.13, ["Toco", "Matura", "Valencia"]),
    ("Princes Town", "Princes Town", 10.27, -61.38, ["Moruga", "New Grant"]),
    ("Penal–Debe", "Penal–Debe", 10.17, -61.47, ["Penal", "Debe", "Barrackpore"]),
    ("Siparia", "Siparia", 10.14, -61.51, ["Fyzabad", "Erin", "Cedros"]),
    ("Tobago", "Tobago", 11.23, -60.70, ["Scarborough", "Roxborough", "Plymouth"]),
]

WEEKDAYS = "MO,TU,WE,TH,FR"
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"

# (key, ESP terms, name_en, name_es, description_en, description_es, hours or None for 24/7,
#  confidential)
KINDS = [
    (
        "police",
        ["justice.police", "justice.protection-orders"],
        "{place} Police Gender-Based Violence Unit",
        "Unidad de Violencia de Género de la Policía de {place}",
        "Report violence, ask for protection and get help with a protection order.",
        "Denuncie la violencia, pida protección y reciba ayuda con una orden de protección.",
        None,
        False,
    ),
    (
        "hospital",
        ["health.urgent-care", "health.sexual-assault", "health.documentation"],
        "{place} Hospital: emergency and sexual assault care",
        "Hospital de {place}: emergencias y atención tras agresión sexual",
        "Urgent medical care, emergency contraception and HIV prophylaxis within 72 hours.",
        "Atención médica urgente, anticoncepción de emergencia y profilaxis del VIH en 72 horas.",
        None,
        False,
    ),
    (
        "legal",
        ["justice.legal-aid", "justice.prosecution"],
        "{place} Legal Aid Clinic for Women",
        "Clínica de Asistencia Legal para Mujeres de {place}",
        "Free legal advice and representation from a woman lawyer: custody, maintenance, court.",
        "Asesoría y representación legal gratuita con una abogada: custodia, pensión, juicio.",
        (WEEKDAYS, clock(8, 30), clock(16, 30)),
        False,
    ),
    (
        "counselling",
        ["social.psychosocial", "social.crisis-counselling", "health.mental"],
        "{place} Women's Counselling Centre",
        "Centro de Consejería para Mujeres de {place}",
        "Crisis counselling and psychosocial support with a trained counsellor.",
        "Consejería en crisis y apoyo psicosocial con una consejera formada.",
        (WEEKDAYS, clock(9, 0), clock(17, 0)),
        False,
    ),
    (
        "shelter",
        ["social.shelter", "social.children", "social.material-aid"],
        "{place} Safe House",
        "Casa Segura de {place}",
        "Safe accommodation for women and their children, with meals and counselling.",
        "Alojamiento seguro para mujeres y sus hijas e hijos, con comidas y consejería.",
        None,
        True,
    ),
    (
        "economic",
        ["social.economic", "social.documents"],
        "{place} Women's Economic Empowerment Programme",
        "Programa de Autonomía Económica de las Mujeres de {place}",
        "Training, job placement and small grants, and help to replace identity documents.",
        "Formación, inserción laboral y pequeños apoyos, y ayuda para reponer documentos.",
        ("MO,WE,FR", clock(9, 0), clock(13, 0)),
        False,
    ),
    (
        "referral",
        ["coordination.referral", "health.first-line"],
        "{place} Survivor Referral Desk",
        "Mesa de Derivación para Sobrevivientes de {place}",
        "A case worker listens, explains the options and refers you to the services you choose.",
        "Una trabajadora social escucha, explica las opciones y le deriva a los servicios.",
        (WEEKDAYS, clock(8, 0), clock(16, 0)),
        False,
    ),
    (
        "helpline",
        ["social.helpline", "social.crisis-counselling"],
        "{place} Crisis Helpline",
        "Línea de Crisis de {place}",
        "Call or text at any hour to talk to someone, get crisis information and make a plan.",
        "Llame o escriba a cualquier hora para hablar, recibir información en crisis y planificar.",
        None,
        False,
    ),
    (
        "children",
        ["social.children", "social.psychosocial"],
        "{place} Child and Adolescent Support Service",
        "Servicio de Apoyo a Niñas, Niños y Adolescentes de {place}",
        "Play therapy and counselling for children who witnessed or suffered abuse.",
        "Terapia de juego y consejería para niñas y niños que presenciaron o sufrieron abuso.",
        (WEEKDAYS, clock(8, 0), clock(15, 0)),
        False,
    ),
    (
        "outreach",
        ["social.community", "health.first-line"],
        "{place} Community Outreach and Prevention",
        "Prevención y Alcance Comunitario de {place}",
        "Workshops on healthy relationships, and home visits by community health workers.",
        "Talleres sobre relaciones sanas y visitas a domicilio de promotoras de salud.",
        ("TU,TH,SA", clock(10, 0), clock(18, 0)),
        False,
    ),
    (
        "night",
        ["health.mental", "social.crisis-counselling"],
        "{place} Night Crisis Centre",
        "Centro Nocturno de Crisis de {place}",
        "Evening and night support for people in crisis, with a psychologist on call.",
        "Apoyo por la tarde y la noche para personas en crisis, con psicóloga de guardia.",
        (ALL_DAYS, clock(18, 0), clock(8, 0)),  # past midnight
        False,
    ),
]

# Parts of a name that set a branch apart: (en, es), or None for the main office.
UNITS = [
    None,
    None,
    None,
    ("Mobile unit", "Unidad móvil"),
    ("Youth desk", "Atención a jóvenes"),
    ("Outreach office", "Oficina de alcance"),
    ("Annex", "Anexo"),
    ("Rural office", "Oficina rural"),
    ("Walk-in centre", "Centro sin cita"),
]

# Sentences added to descriptions, in both languages. Most mention violence, as real ones do.
SENTENCES = [
    (
        "Support for women and girls affected by gender-based violence.",
        "Apoyo para mujeres y niñas afectadas por la violencia de género.",
    ),
    (
        "Services for survivors of domestic and sexual violence.",
        "Servicios para sobrevivientes de violencia doméstica y sexual.",
    ),
    (
        "Staff trained in survivor-centred care after violence.",
        "Personal formado en atención centrada en la sobreviviente tras la violencia.",
    ),
    (
        "Confidential and free of charge; no referral needed.",
        "Confidencial y gratuito; no hace falta derivación.",
    ),
    ("Interpretation available on request.", "Interpretación disponible a pedido."),
    ("Walk in or book an appointment by phone.", "Sin cita o con cita previa por teléfono."),
    (
        "Accessible for people with disabilities; sign language on request.",
        "Accesible para personas con discapacidad; lengua de señas a pedido.",
    ),
    (
        "Works closely with the police, health centres and the courts.",
        "Trabaja en coordinación con la policía, los centros de salud y los tribunales.",
    ),
]

ELIGIBILITY = [
    (
        "Women and girls who have experienced violence, and the people supporting them.",
        "Mujeres y niñas que han sufrido violencia, y las personas que las apoyan.",
    ),
    (
        "Women and girls who have experienced violence, and the people supporting them.",
        "Mujeres y niñas que han sufrido violencia, y las personas que las apoyan.",
    ),
    (
        "Anyone affected by gender-based violence, of any age.",
        "Cualquier persona afectada por violencia de género, de cualquier edad.",
    ),
    ("Women aged 18 and over.", "Mujeres de 18 años o más."),
    (
        "Children and adolescents, with a parent or trusted adult.",
        "Niñas, niños y adolescentes, con su madre, padre o una persona adulta de confianza.",
    ),
]

FEES = [("Free", "Gratuito"), ("Free", "Gratuito"), ("Free for survivors", "Gratuito")]

ORG_KINDS = [
    ("{theme} Foundation of {place}", "Fundación {theme_es} de {place}", "civil_society"),
    ("{place} {theme} Association", "Asociación {theme_es} de {place}", "civil_society"),
    ("{theme} Network {place}", "Red {theme_es} {place}", "civil_society"),
    ("{place} Regional Health Authority", "Autoridad Regional de Salud de {place}", "government"),
    ("{place} {theme} Trust", "Fideicomiso {theme_es} de {place}", "implementing_partner"),
]
THEMES = [
    ("Women's Rights", "Derechos de las Mujeres"),
    ("Hope", "Esperanza"),
    ("Safe Homes", "Hogares Seguros"),
    ("Rise Up", "Levántate"),
    ("Families First", "Familias Primero"),
    ("Sisterhood", "Sororidad"),
    ("New Beginnings", "Nuevos Comienzos"),
    ("Equal Futures", "Futuros Iguales"),
]

STREETS = ["Main Road", "Eastern Main Road", "Southern Main Road", "Queen Street", "Hope Lane"]
LANGUAGES = [("en", "English"), ("es", "Español"), ("hns", "Caribbean Hindustani")]
HOTLINES = [
    ("Police emergency", "Emergencia policial", "999", "24 hours, free", "24 horas, gratis"),
    (
        "Domestic violence hotline",
        "Línea contra la violencia doméstica",
        "800-7283",
        "24 hours, free",
        "24 horas, gratis",
    ),
]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<42} {now - started:7.1f} s", flush=True)
    return now


def _unmigrated_model_changes() -> list[str]:
    """Apply what the models say and no migration holds yet, such as an index being tried.

    So that a benchmark measures the models as they are while their migration is still to be
    written. Returns the operations applied (none once the migrations are up to date).
    """
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(connection)
    state = loader.project_state()
    changes = MigrationAutodetector(state, ProjectState.from_apps(apps)).changes(loader.graph)
    applied = []
    with connection.schema_editor() as editor:
        for migrations in changes.values():
            for migration in migrations:
                state = migration.apply(state, editor)
                applied += [operation.describe() for operation in migration.operations]
    return applied


def _fresh_database() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    for operation in _unmigrated_model_changes():
        print(f"  not yet in a migration, applied: {operation}")
    # Shared by every size (bench.settings_bench); quick when already collected.
    call_command("collectstatic", verbosity=0, interactive=False)


def _programme_and_areas(rng: random.Random):  # type: ignore[no-untyped-def]
    from directory.models import DirectorySettings, Hotline
    from programmes.models import Area, Programme

    programme = Programme.objects.create(
        code=PROGRAMME,
        name="Spotlight Initiative Trinidad and Tobago",
        name_en="Spotlight Initiative Trinidad and Tobago",
        name_es="Iniciativa Spotlight Trinidad y Tobago",
        country="TT",
        region="lac",
        languages=["en", "es"],
        default_language="en",
        time_zone="America/Port_of_Spain",
    )
    DirectorySettings.objects.create(programme=programme)
    for order, (name_en, name_es, number, note_en, note_es) in enumerate(HOTLINES):
        Hotline.objects.create(
            programme=programme,
            name=name_en,
            name_en=name_en,
            name_es=name_es,
            number=number,
            note=note_en,
            note_en=note_en,
            note_es=note_es,
            order=order,
        )
    country = Area.objects.create(
        programme=programme,
        level=Area.Level.COUNTRY,
        name="Trinidad and Tobago",
        name_en="Trinidad and Tobago",
        name_es="Trinidad y Tobago",
        latitude=Decimal("10.69"),
        longitude=Decimal("-61.22"),
    )
    places = []  # (area, region area)
    for name_en, name_es, lat, lon, communities in REGIONS:
        region = Area.objects.create(
            programme=programme,
            parent=country,
            level=Area.Level.REGION,
            name=name_en,
            name_en=name_en,
            name_es=name_es,
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
        )
        places.append((region, region))
        for community in communities:
            area = Area.objects.create(
                programme=programme,
                parent=region,
                level=Area.Level.COMMUNITY,
                name=community,
                name_en=community,
                name_es=community,
                latitude=Decimal(str(round(lat + rng.uniform(-0.05, 0.05), 5))),
                longitude=Decimal(str(round(lon + rng.uniform(-0.05, 0.05), 5))),
            )
            places.append((area, region))
    return programme, places


def _organisations(programme, places, count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from organisations.models import Organisation

    organisations = []
    for index in range(count):
        pattern_en, pattern_es, kind = ORG_KINDS[index % len(ORG_KINDS)]
        theme_en, theme_es = THEMES[rng.randrange(len(THEMES))]
        area, _region = places[rng.randrange(len(places))]
        name_en = pattern_en.format(theme=theme_en, place=area.name_en)
        name_es = pattern_es.format(theme_es=theme_es, place=area.name_es)
        if index >= len(ORG_KINDS) * len(THEMES):
            name_en, name_es = f"{name_en} {index}", f"{name_es} {index}"
        acronym = "".join(word[0] for word in name_en.split() if word[0].isupper())[:8]
        organisations.append(
            Organisation(
                hsds_id=_uuid(rng),
                name=name_en,
                name_en=name_en,
                name_es=name_es,
                acronym=acronym,
                type=kind,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    through = Organisation.programmes.through
    through.objects.bulk_create(
        [through(organisation=org, programme=programme) for org in organisations], batch_size=5000
    )
    return organisations


class _Rows:
    """Rows of one table, written with one executemany: Django's bulk_create spends most of its
    time building and preparing model instances, which 100,000 services make into minutes."""

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        from django.db import connection
        from django.utils import timezone

        now = timezone.now().replace(tzinfo=None).isoformat(sep=" ")
        self.table = model._meta.db_table
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField"))
        ]
        self.defaults = {}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            else:
                self.defaults[field.attname] = field.get_db_prep_save(
                    field.get_default(), connection
                )
        self.rows: list[tuple] = []  # type: ignore[type-arg]

    def add(self, **values: object) -> None:
        """One row; values are database-ready (UUIDs as hex, dates as ISO text)."""
        defaults = self.defaults
        self.rows.append(tuple(values.get(f.attname, defaults[f.attname]) for f in self.fields))

    def write(self) -> int:
        from django.db import connection

        columns = ", ".join(f'"{f.column}"' for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        with connection.cursor() as cursor:
            # Table and column names come from the models, values go as parameters.
            sql = f'INSERT INTO "{self.table}" ({columns}) VALUES ({marks})'  # noqa: S608
            cursor.executemany(sql, self.rows)
        count, self.rows = len(self.rows), []
        return count


class _Record(SimpleNamespace):
    """A generated record as directory.search.public_texts reads it."""


class _Related(list):  # type: ignore[type-arg]
    def all(self):  # type: ignore[no-untyped-def]
        return self


def _tokens(texts: list[str], cache: dict[str, frozenset[str]]) -> set[str]:
    """directory.search.tokens_of, remembering each text: most texts come back many times."""
    from directory.search import tokens_of

    found: set[str] = set()
    for text in texts:
        if text:
            known = cache.get(text)
            if known is None:
                known = cache[text] = frozenset(tokens_of([text]))
            found |= known
    return found


def _chunk(start: int, stop: int, ctx: dict, tables: dict, rng: random.Random) -> None:  # type: ignore[type-arg]
    """Services start..stop-1 with everything around them, and their search tokens."""
    from directory.search import filter_tokens, public_texts

    programme_id, places, organisations, terms = (
        ctx["programme"].pk,
        ctx["places"],
        ctx["organisations"],
        ctx["terms"],
    )
    today, cache = ctx["today"], ctx["cache"]
    for number in range(start, stop):
        _key, term_codes, name_en, name_es, description_en, description_es, hours, shelter = KINDS[
            rng.randrange(len(KINDS))
        ]
        area, region = places[rng.randrange(len(places))]
        organisation = organisations[rng.randrange(len(organisations))]
        unit = UNITS[rng.randrange(len(UNITS))]
        title_en = name_en.format(place=area.name_en)
        title_es = name_es.format(place=area.name_es)
        if unit:
            title_en, title_es = f"{title_en} ({unit[0]})", f"{title_es} ({unit[1]})"
        extra = rng.sample(SENTENCES, rng.choice((1, 1, 2)))
        text_en = " ".join([description_en, *(s[0] for s in extra)])
        text_es = " ".join([description_es, *(s[1] for s in extra)])
        eligibility = ELIGIBILITY[rng.randrange(len(ELIGIBILITY))]
        fees = FEES[rng.randrange(len(FEES))]
        roll = rng.random()
        status = (
            "active"
            if roll < 0.95
            else "temporarily closed"
            if roll < 0.97
            else "inactive"
            if roll < 0.99
            else "defunct"
        )
        service_id = _uuid(rng).hex
        service = _Record(
            name_en=title_en,
            name_es=title_es,
            alternate_name_en="",
            alternate_name_es="",
            description_en=text_en,
            description_es=text_es,
            eligibility_description_en=eligibility[0],
            eligibility_description_es=eligibility[1],
            organisation=organisation,
            terms=_Related(terms[code] for code in term_codes),
            languages=_Related(),
            service_areas=_Related([_Record(area_id=region.pk)]),
        )
        tables["service"].add(
            id=service_id,
            programme_id=programme_id,
            organisation_id=organisation.pk,
            name=title_en,
            name_en=title_en,
            name_es=title_es,
            description=text_en,
            description_en=text_en,
            description_es=text_es,
            eligibility_description=eligibility[0],
            eligibility_description_en=eligibility[0],
            eligibility_description_es=eligibility[1],
            fees_description=fees[0],
            fees_description_en=fees[0],
            fees_description_es=fees[1],
            status=status,
            visibility="public" if rng.random() < 0.97 else "programme",
            assured_date=(today - timedelta(days=rng.randrange(400))).isoformat(),
            assurer_email="coordinator@bench.invalid",
            open_24_7=hours is None,
            alert="Closed for repairs this week." if status == "temporarily closed" else "",
            alert_en="Closed for repairs this week." if status == "temporarily closed" else "",
            alert_es="Cerrado por reparaciones esta semana."
            if status == "temporarily closed"
            else "",
        )
        for term in service.terms:
            tables["terms"].add(service_id=service_id, taxonomyterm_id=term.pk.hex)

        confidential = shelter and rng.random() < 0.9
        location_id = _uuid(rng).hex
        street = STREETS[-1] if confidential else STREETS[rng.randrange(len(STREETS) - 1)]
        address = _Record(
            address_1=f"{rng.randrange(1, 300)} {street}",
            address_2="",
            city=area.name_en,
            state_province=region.name_en,
        )
        location = _Record(
            area=area,
            area_id=area.pk,
            is_confidential=confidential,
            name_en=title_en,
            name_es=title_es,
            addresses=_Related([address]),
        )
        tables["location"].add(
            id=location_id,
            programme_id=programme_id,
            organisation_id=organisation.pk,
            area_id=area.pk,
            name=title_en,
            name_en=title_en,
            name_es=title_es,
            is_confidential=confidential,
            latitude=f"{float(area.latitude) + rng.uniform(-0.03, 0.03):.6f}",
            longitude=f"{float(area.longitude) + rng.uniform(-0.03, 0.03):.6f}",
        )
        tables["address"].add(
            id=_uuid(rng).hex,
            location_id=location_id,
            address_1=address.address_1,
            city=address.city,
            state_province=address.state_province,
            country="TT",
        )
        sal_id = _uuid(rng).hex
        tables["sal"].add(id=sal_id, service_id=service_id, location_id=location_id)
        tables["phone"].add(
            id=_uuid(rng).hex,
            service_id=service_id,
            number=f"868-{600 + number // 10_000:03d}-{number % 10_000:04d}",
            description="Main line",
            description_en="Main line",
            description_es="Línea principal",
        )
        tables["phone"].add(
            id=_uuid(rng).hex,
            location_id=location_id,
            number=f"868-{800 + number // 10_000:03d}-{number % 10_000:04d}",
            is_private=True,
            description="Staff direct line",
            description_en="Staff direct line",
            description_es="Línea directa del personal",
        )
        days, opens, closes = hours or (ALL_DAYS, clock(0, 0), clock(23, 59))
        tables["schedule"].add(
            id=_uuid(rng).hex,
            service_id=service_id,
            byday=days,
            opens_at=opens.isoformat(),
            closes_at=closes.isoformat(),
        )
        spoken = [LANGUAGES[0]] + ([LANGUAGES[1]] if rng.random() < 0.4 else [])
        if rng.random() < 0.03:
            spoken.append(LANGUAGES[2])
        for code, name in spoken:
            tables["language"].add(id=_uuid(rng).hex, service_id=service_id, code=code, name=name)
            service.languages.append(_Record(name=name))
        tables["area"].add(
            id=_uuid(rng).hex, service_id=service_id, area_id=region.pk, name=region.name_en
        )
        # The search index, from exactly what the hub indexes (directory.search.public_texts).
        sal = _Record(service=service, location=location, description_en="", description_es="")
        for token in _tokens(public_texts(sal), cache) | filter_tokens(sal):
            tables["token"].add(
                token=token, service_at_location_id=sal_id, programme_id=programme_id
            )


def _check_index(programme, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """The bulk index must equal what the hub's own index_services writes."""
    from directory.models import SearchToken, Service
    from directory.search import index_services

    ids = list(Service.objects.filter(programme=programme).values_list("pk", flat=True)[:200])
    sample = rng.sample(ids, min(20, len(ids)))

    def tokens() -> set[tuple[str, str]]:
        return set(
            SearchToken.objects.filter(service_at_location__service_id__in=sample).values_list(
                "service_at_location_id", "token"
            )
        )

    before = tokens()
    index_services(sample)
    if tokens() != before:
        sys.exit("The generated search index differs from directory.search.index_services.")


def _drop_indexes(tables: dict[str, _Rows]) -> list[str]:
    """Drop the indexes of the tables about to be filled; returns the SQL that recreates them.

    Building an index once over sorted rows is much faster than keeping it up to date through
    millions of inserts in random (UUID) order.
    """
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for rows in tables.values():
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = %s",
                [rows.table],
            )
            found += cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def generate(size: int) -> None:
    from django.db import connection, transaction

    from directory import models as d
    from directory.reference import ESP_CODE

    rng = random.Random(size)  # noqa: S311  (reproducible data, not secrets)
    started = total = time.perf_counter()
    print(f"Generating {size:,} services at locations in {database(size)}")
    _fresh_database()
    started = _step("migrate + collectstatic", started)
    with connection.cursor() as cursor:
        # A throwaway database: no crash safety needed while it is written.
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-2000000")
        cursor.execute("PRAGMA temp_store=MEMORY")
    tables = {
        "service": _Rows(d.Service),
        "terms": _Rows(d.Service.terms.through),
        "location": _Rows(d.Location),
        "address": _Rows(d.Address),
        "sal": _Rows(d.ServiceAtLocation),
        "phone": _Rows(d.Phone),
        "schedule": _Rows(d.Schedule),
        "language": _Rows(d.Language),
        "area": _Rows(d.ServiceArea),
        "token": _Rows(d.SearchToken),
    }
    written = dict.fromkeys(tables, 0)
    with transaction.atomic():
        programme, places = _programme_and_areas(rng)
        organisations = _organisations(programme, places, max(40, size // 25), rng)
        started = _step(
            f"programme, {len(places)} areas, {len(organisations):,} organisations", started
        )
        indexes = _drop_indexes(tables)
        ctx = {
            "programme": programme,
            "places": places,
            "organisations": organisations,
            "terms": {
                term.code: term
                for term in d.TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE).select_related(
                    "parent"
                )
            },
            "today": date.today(),
            "cache": {},
        }
        for start in range(0, size, CHUNK):
            _chunk(start, min(size, start + CHUNK), ctx, tables, rng)
            for key, rows in tables.items():
                written[key] += rows.write()
        started = _step(f"{size:,} services and everything around them", started)
        with connection.cursor() as cursor:
            for sql in indexes:
                cursor.execute(sql)
        started = _step(f"{len(indexes)} indexes", started)
    _check_index(programme, rng)
    with connection.cursor() as cursor:
        # Statistics from a sample of each index, as PRAGMA optimize gathers them.
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA journal_mode=WAL")
    started = _step("check the index against index_services, ANALYZE", started)
    megabytes = database(size).stat().st_size / 1e6
    print(
        f"Done: {written['sal']:,} services at locations, {written['phone']:,} phones, "
        f"{written['token']:,} search tokens; {megabytes:,.0f} MB "
        f"in {time.perf_counter() - total:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="services at locations")
    args = parser.parse_args()
    folder = var_dir(args.size)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    setup(args.size)
    generate(args.size)


if __name__ == "__main__":
    main()
