"""The demo joint workplans: what each demo programme's agencies and partners plan to do, where
and when (``demo.workplan`` loads it).

Spotlight country programmes do much the same kinds of things, so the activities come from one
catalogue (``CATALOGUE``) written in English and Spanish, placed, dated and budgeted per
programme (``PLANS``). Jamaica, Belize and Trinidad and Tobago write in English, Honduras in
Spanish, and some activities in both; Belize and Trinidad and Tobago also have activities
written in Spanish only (for Spanish-speaking districts and Venezuelan migrants).

A few rows are deliberate overlaps (``DUPLICATES``: the same police training reworded, one in
Spanish and one in English; the same awareness campaign entered twice for one parish) and near
misses (the same place and topic under another pillar, the same training in another parish),
so that the duplicate check and the review have something to find. Names of agencies and
frameworks are real; activities, figures and people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# IATI OrganisationRole codes.
FUNDING, ACCOUNTABLE, EXTENDING, IMPLEMENTING = 1, 2, 3, 4

# Organisations the demo lacks so far: (key, name_en, name_es, acronym, type, programmes).
EXTRA_ORGANISATIONS = [
    (
        "unodc",
        "United Nations Office on Drugs and Crime",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
        "UNODC",
        "un_agency",
        ["JM", "HN", "BZ", "TT"],
    ),
    (
        "iom",
        "International Organization for Migration",
        "Organización Internacional para las Migraciones",
        "IOM",
        "un_agency",
        ["HN", "BZ", "TT"],
    ),
    (
        "jm-moe",
        "Ministry of Education and Youth (Jamaica)",
        "Ministerio de Educación y Juventud (Jamaica)",
        "MoEY",
        "government",
        ["JM"],
    ),
    (
        "hn-ine",
        "National Statistics Institute (Honduras)",
        "Instituto Nacional de Estadística (Honduras)",
        "INE",
        "government",
        ["HN"],
    ),
    (
        "bz-moe",
        "Ministry of Education, Culture, Science and Technology (Belize)",
        "Ministerio de Educación, Cultura, Ciencia y Tecnología (Belice)",
        "MoECST",
        "government",
        ["BZ"],
    ),
    (
        "tt-cso",
        "Central Statistical Office of Trinidad and Tobago",
        "Oficina Central de Estadística de Trinidad y Tobago",
        "CSO",
        "government",
        ["TT"],
    ),
]

# Per programme: the national gender machinery, a women's organisation, the ministry of
# education and the statistics office (keys of demo.data.ORGANISATIONS or EXTRA_ORGANISATIONS);
# "police", "health", "legal", "counselling", "shelter", "economic" are the directory's
# providers (demo.directory.PROVIDERS).
ROLES = {
    "JM": {"gender": "jm-bga", "cso": "jm-womaninc", "rural": "jm-rural", "education": "jm-moe"},
    "HN": {"gender": "hn-semujer", "cso": "hn-cdm", "stats": "hn-ine"},
    "BZ": {"gender": "bz-nwc", "cso": "bz-haven", "education": "bz-moe"},
    "TT": {"gender": "tt-gad", "cso": "tt-fpa", "academia": "tt-uwi", "stats": "tt-cso"},
}

# Two outputs per pillar, as in the programmes' results frameworks.
OUTPUTS = [
    ("1.1", "Laws and policies on violence against women and girls meet international standards", "Leyes y políticas sobre violencia contra mujeres y niñas conformes a las normas internacionales"),
    ("1.2", "National and local action plans are costed and funded", "Planes de acción nacionales y locales costeados y financiados"),
    ("2.1", "Officials who respond to violence have the knowledge and tools to do so", "El funcionariado que responde a la violencia cuenta con conocimientos y herramientas"),
    ("2.2", "Coordination mechanisms work across sectors and levels", "Mecanismos de coordinación funcionan entre sectores y niveles"),
    ("3.1", "Communities, men and boys challenge harmful social norms", "Comunidades, hombres y niños cuestionan las normas sociales dañinas"),
    ("3.2", "Schools teach gender equality and comprehensive sexuality education", "Las escuelas enseñan igualdad de género y educación integral en sexualidad"),
    ("4.1", "Survivors reach quality essential services", "Las sobrevivientes acceden a servicios esenciales de calidad"),
    ("4.2", "Services reach those furthest behind", "Los servicios llegan a quienes están más atrás"),
    ("5.1", "Prevalence and incidence data are collected and published", "Se recopilan y publican datos de prevalencia e incidencia"),
    ("5.2", "Administrative data on cases are comparable and used", "Los datos administrativos de casos son comparables y se utilizan"),
    ("6.1", "Women's rights organisations are stronger and better funded", "Las organizaciones de derechos de las mujeres están más fortalecidas y financiadas"),
    ("6.2", "Civil society holds the programme to account", "La sociedad civil exige rendición de cuentas al programa"),
]  # fmt: skip

# Priorities the demo programmes lack so far: (programme, framework, code, title_en, title_es).
EXTRA_PRIORITIES = [
    ("HN", "Plan Nacional contra la Violencia hacia la Mujer 2014–2022", "EJE-4", "Information system on violence against women", "Sistema de información sobre violencia contra las mujeres"),
    ("BZ", "National Gender-Based Violence Action Plan", "GBV-3", "Access to justice", "Acceso a la justicia"),
    ("BZ", "National Gender-Based Violence Action Plan", "GBV-4", "Data, monitoring and evaluation", "Datos, seguimiento y evaluación"),
    ("TT", "National Strategic Action Plan on Gender-Based and Sexual Violence", "SP-3", "Justice and law enforcement", "Justicia y aplicación de la ley"),
    ("TT", "National Strategic Action Plan on Gender-Based and Sexual Violence", "SP-4", "Research and data", "Investigación y datos"),
]  # fmt: skip


@dataclass(frozen=True)
class Item:
    """An activity as the catalogue describes it; ``{country}`` and ``{place}`` (English) and
    ``{pais}`` and ``{lugar}`` (Spanish) are filled in per programme."""

    pillar: int
    output: str  # number, e.g. "2.1"
    lead: str  # organisation key
    title_en: str
    description_en: str
    title_es: str
    description_es: str
    partners: tuple[tuple[str, int], ...] = ()
    groups: tuple[str, ...] = ("women-and-girls",)


def _item(
    pillar: int,
    output: str,
    lead: str,
    en: tuple[str, str],
    es: tuple[str, str],
    partners: tuple[tuple[str, int], ...] = (),
    groups: tuple[str, ...] = ("women-and-girls",),
) -> Item:
    return Item(pillar, output, lead, en[0], en[1], es[0], es[1], partners, groups)


CATALOGUE: dict[str, Item] = {
    # --- Pillar 1: laws and policies -------------------------------------------------------
    "law-review": _item(
        1, "1.1", "unwomen",
        ("Review of the domestic violence law against the CEDAW Committee's recommendations",
         "A legal analysis of {country}'s domestic violence legislation against the CEDAW Committee's concluding observations, with amendments drafted with the gender machinery and validated with women's organisations."),
        ("Revisión de la ley de violencia doméstica frente a las recomendaciones del Comité CEDAW",
         "Análisis jurídico de la legislación de {pais} sobre violencia doméstica frente a las observaciones finales del Comité CEDAW, con reformas redactadas junto al mecanismo nacional de la mujer y validadas con organizaciones de mujeres."),
        (("gender", ACCOUNTABLE), ("legal", IMPLEMENTING)),
        ("government-officials", "civil-society"),
    ),
    "plan-costing": _item(
        1, "1.2", "undp",
        ("Costing of the national action plan on gender-based violence",
         "Unit costs and a five-year budget for each line of the national action plan, so that ministries can put its actions in their annual budget submissions."),
        ("Costeo del plan nacional contra la violencia de género",
         "Costos unitarios y presupuesto quinquenal de cada línea del plan nacional, para que los ministerios incluyan sus acciones en sus anteproyectos de presupuesto anual."),
        (("gender", ACCOUNTABLE),),
        ("government-officials",),
    ),
    "harassment-bill": _item(
        1, "1.1", "unwomen",
        ("Sexual harassment bill: technical support to the parliamentary committee",
         "Comparative notes, a drafting clinic and public consultations for parliamentarians preparing a bill on sexual harassment in workplaces, schools and public spaces."),
        ("Ley de acoso sexual: apoyo técnico a la comisión parlamentaria",
         "Notas comparativas, un taller de redacción y consultas públicas para las y los parlamentarios que preparan una ley sobre acoso sexual en el trabajo, las escuelas y los espacios públicos."),
        (("gender", IMPLEMENTING),),
        ("government-officials",),
    ),
    "child-marriage": _item(
        1, "1.1", "unicef",
        ("Advocacy to end child marriage in law",
         "Evidence briefs and advocacy with legislators and faith leaders to raise the minimum age of marriage to 18 without exception."),
        ("Incidencia para prohibir el matrimonio infantil en la ley",
         "Notas de evidencia e incidencia con legisladores y líderes religiosos para fijar la edad mínima del matrimonio en 18 años sin excepciones."),
        (("cso", IMPLEMENTING),),
        ("adolescent-girls", "government-officials"),
    ),
    "convention-190": _item(
        1, "1.1", "ilo",
        ("Ratification of ILO Convention 190 on violence and harassment at work",
         "Tripartite dialogue with the ministry of labour, employers and unions on ratifying Convention 190, and a model workplace policy on violence and harassment."),
        ("Ratificación del Convenio 190 de la OIT sobre violencia y acoso en el trabajo",
         "Diálogo tripartito con la secretaría de trabajo, el sector empleador y los sindicatos sobre la ratificación del Convenio 190, y una política modelo sobre violencia y acoso en el lugar de trabajo."),
        (("gender", ACCOUNTABLE),),
        ("domestic-workers", "government-officials"),
    ),
    # --- Pillar 2: institutions ------------------------------------------------------------
    "police-training": _item(
        2, "2.1", "undp",
        ("Training of police officers in {place} on a survivor-centred response to domestic violence",
         "A five-day course for police officers of {place}: taking reports of domestic violence, risk assessment, protection orders and referral to shelters and health services, with refresher sessions after six months."),
        ("Capacitación de policías de {lugar} en la atención centrada en sobrevivientes de violencia doméstica",
         "Curso de cinco días para agentes de policía de {lugar}: recepción de denuncias de violencia doméstica, evaluación de riesgo, medidas de protección y derivación a casas de acogida y servicios de salud, con sesiones de refuerzo a los seis meses."),
        (("police", IMPLEMENTING),),
        ("frontline-workers", "survivors"),
    ),
    "grb-training": _item(
        2, "2.2", "undp",
        ("Gender-responsive budgeting for ministry planners",
         "Workshops and coaching for planning and budget officers of the ministries of finance, health, education and national security to tag spending on ending violence against women."),
        ("Presupuestos sensibles al género para planificadores de las secretarías",
         "Talleres y acompañamiento a oficiales de planificación y presupuesto de las secretarías de finanzas, salud, educación y seguridad para etiquetar el gasto destinado a erradicar la violencia contra las mujeres."),
        (("gender", ACCOUNTABLE),),
        ("government-officials",),
    ),
    "case-management": _item(
        2, "2.1", "unicef",
        ("Case management protocol and training for social workers",
         "A national case management protocol for child and adult survivors, with training of social workers and supervisors in {place}."),
        ("Protocolo de gestión de casos y formación de trabajadoras sociales",
         "Protocolo nacional de gestión de casos para sobrevivientes niñas, niños y adultas, con formación de trabajadoras sociales y supervisoras en {lugar}."),
        (("gender", ACCOUNTABLE),),
        ("frontline-workers", "children"),
    ),
    "judges-femicide": _item(
        2, "2.1", "unodc",
        ("Judges and prosecutors: investigating and judging femicide",
         "A course based on the Latin American model protocol for the investigation of gender-related killings of women, for judges and prosecutors, with a review of recent judgments."),
        ("Jueces y fiscales: investigación y juzgamiento del femicidio",
         "Curso basado en el Modelo de protocolo latinoamericano de investigación de las muertes violentas de mujeres por razones de género, para jueces y fiscales, con análisis de sentencias recientes."),
        (("legal", EXTENDING),),
        ("frontline-workers",),
    ),
    "municipal-committees": _item(
        2, "2.2", "unwomen",
        ("Local coordination committees on violence against women in {place}",
         "Setting up and accompanying a committee of police, health, social services, schools and women's organisations in {place} that meets monthly and follows up on referrals."),
        ("Comités locales de coordinación sobre violencia contra las mujeres en {lugar}",
         "Creación y acompañamiento de un comité de policía, salud, servicios sociales, escuelas y organizaciones de mujeres en {lugar} que se reúne cada mes y da seguimiento a las derivaciones."),
        (("gender", IMPLEMENTING), ("cso", IMPLEMENTING)),
        ("frontline-workers", "civil-society"),
    ),
    # --- Pillar 3: prevention --------------------------------------------------------------
    "cse-schools": _item(
        3, "3.2", "unfpa",
        ("Comprehensive sexuality education in secondary schools",
         "Teacher training, lesson plans and parents' meetings to teach comprehensive sexuality education, consent and healthy relationships in secondary schools of {place}."),
        ("Educación integral en sexualidad en escuelas secundarias",
         "Formación docente, planes de clase y reuniones con madres y padres para enseñar educación integral en sexualidad, consentimiento y relaciones sanas en escuelas secundarias de {lugar}."),
        (("education", ACCOUNTABLE),),
        ("adolescent-girls", "children"),
    ),
    "sasa": _item(
        3, "3.1", "unwomen",
        ("Community mobilisation with the SASA! Together approach in {place}",
         "Community activists trained in SASA! Together lead a three-year process in {place} to change the norms that excuse violence against women, with measurements at the start and the end."),
        ("Movilización comunitaria con el enfoque SASA! Juntas en {lugar}",
         "Activistas comunitarias formadas en SASA! Juntas conducen en {lugar} un proceso de tres años para cambiar las normas que justifican la violencia contra las mujeres, con mediciones al inicio y al final."),
        (("cso", IMPLEMENTING),),
        ("communities", "men-and-boys"),
    ),
    "campaign-16-days": _item(
        3, "3.1", "unwomen",
        ("16 Days of Activism awareness campaign against domestic violence in {place}, {year}",
         "Radio spots, posters, school visits and a march in {place} during the 16 Days of Activism, telling people how to recognise domestic violence and where to get help."),
        ("Campaña de sensibilización contra la violencia doméstica en los 16 días de activismo en {lugar}, {year}",
         "Cuñas radiales, afiches, visitas a escuelas y una marcha en {lugar} durante los 16 días de activismo, para reconocer la violencia doméstica y saber dónde pedir ayuda."),
        (("gender", IMPLEMENTING),),
        ("communities",),
    ),
    "parenting": _item(
        3, "3.1", "unicef",
        ("Positive parenting programme for families in {place}",
         "Twelve weekly sessions of the Parenting for Lifelong Health programme for mothers, fathers and carers in {place}, on non-violent discipline and sharing care work."),
        ("Programa de crianza positiva para familias de {lugar}",
         "Doce sesiones semanales del programa Crianza para una Salud de por Vida para madres, padres y personas cuidadoras de {lugar}, sobre disciplina sin violencia y reparto del trabajo de cuidados."),
        (("cso", IMPLEMENTING),),
        ("communities", "children"),
    ),
    "men-barbershops": _item(
        3, "3.1", "undp",
        ("Barbershop conversations with men and boys on respectful relationships",
         "Trained barbers and coaches host conversations with men and boys in {place} about masculinities, jealousy and control, and respectful relationships."),
        ("Conversaciones en barberías con hombres y niños sobre relaciones respetuosas",
         "Barberos y entrenadores formados conducen conversaciones con hombres y niños de {lugar} sobre masculinidades, celos y control, y relaciones respetuosas."),
        (("cso", IMPLEMENTING),),
        ("men-and-boys",),
    ),
    "media-reporting": _item(
        3, "3.1", "unesco",
        ("Ethical reporting on violence against women: training for journalists",
         "Workshops for journalists and editors on reporting cases without blaming or exposing survivors, and a media award for the best reporting."),
        ("Cobertura ética de la violencia contra las mujeres: formación de periodistas",
         "Talleres para periodistas y editores sobre cómo informar de los casos sin culpabilizar ni exponer a las sobrevivientes, y un premio a la mejor cobertura."),
        (),
        ("communities",),
    ),
    "safe-spaces": _item(
        3, "3.2", "unfpa",
        ("Safe spaces for adolescent girls in {place}",
         "Weekly meetings of girls aged 10 to 19 with trained mentors in {place}: life skills, their bodies and rights, and how to ask for help."),
        ("Espacios seguros para niñas adolescentes en {lugar}",
         "Encuentros semanales de niñas de 10 a 19 años con mentoras formadas en {lugar}: habilidades para la vida, su cuerpo y sus derechos, y cómo pedir ayuda."),
        (("cso", IMPLEMENTING),),
        ("adolescent-girls",),
    ),
    # --- Pillar 4: services ---------------------------------------------------------------
    "shelters": _item(
        4, "4.1", "unwomen",
        ("Strengthening shelters for survivors and their children",
         "Refurbishment, minimum standards, staff training and running costs for the shelters of {place}, with a protocol for admitting women with disabilities and their children."),
        ("Fortalecimiento de las casas de acogida para sobrevivientes y sus hijas e hijos",
         "Rehabilitación, estándares mínimos, formación del personal y gastos de funcionamiento de las casas de acogida de {lugar}, con un protocolo de admisión de mujeres con discapacidad y sus hijas e hijos."),
        (("shelter", IMPLEMENTING), ("gender", ACCOUNTABLE)),
        ("survivors", "women-girls-disabilities", "children"),
    ),
    "clinical-rape": _item(
        4, "4.1", "paho",
        ("Clinical management of rape in health facilities",
         "Training of doctors and nurses of {place} in the clinical management of rape, post-exposure prophylaxis and emergency contraception kits, and a private examination room in each hospital."),
        ("Atención clínica de la violación en los establecimientos de salud",
         "Formación de médicos y enfermeras de {lugar} en la atención clínica de la violación, kits de profilaxis posexposición y anticoncepción de emergencia, y una sala de examen privada en cada hospital."),
        (("health", IMPLEMENTING),),
        ("survivors", "frontline-workers"),
    ),
    "helpline": _item(
        4, "4.1", "unfpa",
        ("24-hour helpline for women experiencing violence: extended hours and WhatsApp",
         "More counsellors, training and a WhatsApp channel so that the national helpline answers day and night, with follow-up calls after a referral."),
        ("Línea de ayuda 24 horas para mujeres en situación de violencia: más horario y WhatsApp",
         "Más consejeras, formación y un canal de WhatsApp para que la línea nacional de ayuda atienda día y noche, con llamadas de seguimiento tras cada derivación."),
        (("counselling", IMPLEMENTING),),
        ("survivors",),
    ),
    "psychosocial": _item(
        4, "4.2", "unfpa",
        ("Psychosocial support groups for survivors in {place}",
         "Trained counsellors run ten-week support groups for survivors of intimate partner violence in {place}, with individual counselling for those who need it."),
        ("Grupos de apoyo psicosocial para sobrevivientes en {lugar}",
         "Consejeras formadas conducen grupos de apoyo de diez semanas para sobrevivientes de violencia de pareja en {lugar}, con atención individual para quien la necesite."),
        (("counselling", IMPLEMENTING),),
        ("survivors",),
    ),
    "legal-aid": _item(
        4, "4.2", "undp",
        ("Free legal aid for survivors in rural communities of {place}",
         "Mobile legal clinics that help survivors in rural {place} apply for protection orders, child maintenance and divorce, and accompany them to court."),
        ("Asistencia legal gratuita para sobrevivientes en comunidades rurales de {lugar}",
         "Clínicas jurídicas móviles que ayudan a las sobrevivientes de zonas rurales de {lugar} a solicitar medidas de protección, pensión alimenticia y divorcio, y las acompañan a los tribunales."),
        (("legal", IMPLEMENTING),),
        ("survivors", "rural-women"),
    ),
    "referral-pathway": _item(
        4, "4.1", "unwomen",
        ("Referral pathway of the Essential Services Package in {place}",
         "Agreeing who does what when a woman discloses violence in {place}: a referral pathway across police, health, justice and social services, printed and online, with a yearly review."),
        ("Ruta de atención del Paquete de Servicios Esenciales en {lugar}",
         "Acordar quién hace qué cuando una mujer revela violencia en {lugar}: una ruta de derivación entre policía, salud, justicia y servicios sociales, impresa y en línea, con revisión anual."),
        (("gender", ACCOUNTABLE), ("police", IMPLEMENTING), ("health", IMPLEMENTING)),
        ("survivors", "frontline-workers"),
    ),
    "disability-access": _item(
        4, "4.2", "unfpa",
        ("Accessible services for women and girls with disabilities",
         "Sign language interpretation, easy-read materials and accessibility audits of police stations, health centres and shelters in {place}."),
        ("Servicios accesibles para mujeres y niñas con discapacidad",
         "Interpretación en lengua de señas, materiales de lectura fácil y auditorías de accesibilidad de estaciones de policía, centros de salud y casas de acogida en {lugar}."),
        (("cso", IMPLEMENTING),),
        ("women-girls-disabilities", "survivors"),
    ),
    "economic-empowerment": _item(
        4, "4.2", "undp",
        ("Economic empowerment of survivors: seed capital and business training",
         "Business training, seed capital and mentoring for survivors leaving violent relationships in {place}, with childcare during the sessions."),
        ("Autonomía económica de sobrevivientes: capital semilla y formación empresarial",
         "Formación empresarial, capital semilla y mentoría para sobrevivientes que salen de relaciones violentas en {lugar}, con cuidado infantil durante las sesiones."),
        (("economic", IMPLEMENTING),),
        ("survivors", "rural-women"),
    ),
    # --- Pillar 5: data -------------------------------------------------------------------
    "prevalence-survey": _item(
        5, "5.1", "unwomen",
        ("National women's health and life experiences survey",
         "A household survey on the prevalence of violence against women, following the WHO methodology, with a report and an open dataset."),
        ("Encuesta nacional sobre la salud y las experiencias de vida de las mujeres",
         "Encuesta de hogares sobre la prevalencia de la violencia contra las mujeres, según la metodología de la OMS, con informe y datos abiertos."),
        (("stats", IMPLEMENTING),),
        ("women-and-girls",),
    ),
    "admin-data": _item(
        5, "5.2", "undp",
        ("Shared administrative data system for police, courts and shelters",
         "Common definitions, a minimum dataset and software so that police, courts and shelters record cases of violence against women in the same way and report quarterly."),
        ("Sistema compartido de registros administrativos para policía, tribunales y casas de acogida",
         "Definiciones comunes, un conjunto mínimo de datos y un programa informático para que la policía, los tribunales y las casas de acogida registren los casos de violencia contra las mujeres de la misma manera e informen cada trimestre."),
        (("police", IMPLEMENTING), ("gender", ACCOUNTABLE)),
        ("government-officials",),
    ),
    "femicide-observatory": _item(
        5, "5.2", "undp",
        ("Femicide observatory with a university",
         "A university team collects and verifies data on killings of women from police, forensic and press sources, and publishes a yearly report."),
        ("Observatorio de femicidios con una universidad",
         "Un equipo universitario recopila y verifica los datos de muertes violentas de mujeres de fuentes policiales, forenses y de prensa, y publica un informe anual."),
        (("academia", IMPLEMENTING),),
        ("women-and-girls",),
    ),
    "disability-study": _item(
        5, "5.1", "unfpa",
        ("Study of violence against women and girls with disabilities",
         "Qualitative and quantitative research with organisations of persons with disabilities on the violence they face and the barriers to services."),
        ("Estudio sobre la violencia contra mujeres y niñas con discapacidad",
         "Investigación cualitativa y cuantitativa con organizaciones de personas con discapacidad sobre la violencia que enfrentan y las barreras para acceder a los servicios."),
        (),
        ("women-girls-disabilities",),
    ),
    # --- Pillar 6: women's movement ----------------------------------------------------------
    "small-grants": _item(
        6, "6.1", "unwomen",
        ("Small grants for grassroots women's organisations",
         "Grants of up to 20,000 US dollars, with accompaniment, for grassroots and community women's organisations working on violence against women, chosen by open call."),
        ("Fondo de pequeñas donaciones para organizaciones de mujeres de base",
         "Donaciones de hasta 20.000 dólares, con acompañamiento, para organizaciones comunitarias y de base de mujeres que trabajan contra la violencia, seleccionadas por convocatoria abierta."),
        (("eu", FUNDING),),
        ("civil-society",),
    ),
    "reference-group": _item(
        6, "6.2", "rco",
        ("Support to the Civil Society National Reference Group",
         "Meetings, travel and a small secretariat for the Civil Society National Reference Group that advises and monitors the programme."),
        ("Apoyo al Grupo Nacional de Referencia de la Sociedad Civil",
         "Reuniones, viajes y una pequeña secretaría para el Grupo Nacional de Referencia de la Sociedad Civil que asesora y da seguimiento al programa."),
        (("cso", IMPLEMENTING),),
        ("civil-society",),
    ),
    "feminist-leadership": _item(
        6, "6.1", "unfpa",
        ("Leadership school for young feminist activists",
         "A year-long leadership school for young women activists: organising, advocacy, digital security and self-care, ending with projects they design."),
        ("Escuela de liderazgo para jóvenes activistas feministas",
         "Escuela de liderazgo de un año para jóvenes activistas: organización, incidencia, seguridad digital y autocuidado, que termina con proyectos diseñados por ellas."),
        (("cso", IMPLEMENTING),),
        ("adolescent-girls", "civil-society"),
    ),
    "networks-lnob": _item(
        6, "6.1", "undp",
        ("Organisational strengthening of networks of women left furthest behind",
         "Institutional support for networks of rural, indigenous and Afro-descendant women and LGBTIQ+ organisations: governance, finances and advocacy plans."),
        ("Fortalecimiento organizativo de redes de mujeres más rezagadas",
         "Apoyo institucional a redes de mujeres rurales, indígenas y afrodescendientes y a organizaciones LGBTIQ+: gobernanza, finanzas y planes de incidencia."),
        (("cso", IMPLEMENTING),),
        ("indigenous-women", "afro-descendant-women", "lgbtiq", "rural-women"),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One activity of a programme's plan: a catalogue item placed, dated and budgeted.

    ``language``: "en", "es" or "both". ``budget``: US dollars, or (amount, currency).
    ``status`` is the IATI code (1 pipeline, 2 implementation, 3 finalisation, 4 closed,
    5 cancelled, 6 suspended). ``priorities`` are codes of the programme's government priorities.
    """

    key: str
    areas: tuple[str, ...]
    start: str  # "YYYY-MM"
    months: int
    status: int
    budget: int | tuple[int, str] | None
    language: str
    priorities: tuple[str, ...] = ()
    lead: str | None = None  # instead of the catalogue's
    item: Item | None = None  # an activity of its own, not from the catalogue
    extra_groups: tuple[str, ...] = field(default=())


def _r(
    key: str,
    areas: str,
    start: str,
    months: int,
    status: int,
    budget: int | tuple[int, str] | None,
    language: str,
    priorities: str = "",
    lead: str | None = None,
    item: Item | None = None,
) -> Row:
    return Row(
        key,
        tuple(a for a in areas.split() if a),
        start,
        months,
        status,
        budget,
        language,
        tuple(p for p in priorities.split() if p),
        lead,
        item,
    )


# --- The deliberate overlaps and near misses --------------------------------------------------

DUPLICATES = {
    # Honduras: the UNDP police course (in Spanish, from the catalogue) entered again by UNODC in
    # English, reworded.
    "hn-police-en": _item(
        2, "2.1", "unodc",
        ("Domestic violence response course for National Police officers in San Pedro Sula",
         "Police officers of San Pedro Sula learn to receive complaints of domestic violence, assess the risk, request protection measures and refer survivors to shelters and health care. Five days, with a refresher half a year later."),
        ("", ""),
        (("police", IMPLEMENTING),),
        ("frontline-workers",),
    ),
    # Jamaica: UN Women's 16 Days campaign in St Catherine entered again by UNICEF.
    "jm-campaign-again": _item(
        3, "3.1", "unicef",
        ("Public awareness campaign on domestic violence in St Catherine for the 16 Days of Activism",
         "Posters, radio spots and a march in St Catherine during the 16 Days of Activism so that people recognise domestic violence and know where to get help; school visits included."),
        ("", ""),
        (("cso", IMPLEMENTING),),
        ("communities", "children"),
    ),
    # Jamaica, near miss: the same parish and topic as the campaign, but a service (pillar 4).
    "jm-police-desk": _item(
        4, "4.1", "unodc",
        ("Domestic violence desks in police stations of St Catherine",
         "A private room and a trained officer on every shift in the main police stations of St Catherine, to take reports from survivors of domestic violence and refer them to shelters."),
        ("", ""),
        (("police", IMPLEMENTING),),
        ("survivors",),
    ),
    # Belize: the police training in English (catalogue, UNDP) and a Spanish version by UNODC
    # for the same district.
    "bz-police-es": _item(
        2, "2.1", "unodc",
        ("", ""),
        ("Curso para agentes de policía del distrito de Cayo sobre la respuesta a la violencia doméstica",
         "Agentes de policía de Cayo aprenden a recibir denuncias de violencia doméstica, evaluar el riesgo, solicitar órdenes de protección y derivar a las sobrevivientes a refugios y servicios de salud; cinco días y una sesión de refuerzo seis meses después."),
        (("police", IMPLEMENTING),),
        ("frontline-workers",),
    ),
    # Trinidad and Tobago: support groups for Venezuelan women, by UNFPA in English and by IOM in
    # Spanish.
    "tt-migrant-groups-en": _item(
        4, "4.2", "unfpa",
        ("Psychosocial support groups for Venezuelan migrant women survivors of violence",
         "Ten-week support groups in Port of Spain, facilitated by Spanish-speaking counsellors, for Venezuelan migrant and refugee women who have survived violence."),
        ("", ""),
        (("counselling", IMPLEMENTING),),
        ("migrants-refugees", "survivors"),
    ),
    "tt-migrant-groups-es": _item(
        4, "4.2", "iom",
        ("", ""),
        ("Grupos de apoyo psicosocial para mujeres migrantes venezolanas sobrevivientes de violencia",
         "Grupos de apoyo de diez semanas en Puerto España, con consejeras hispanohablantes, para mujeres migrantes y refugiadas venezolanas que han vivido violencia."),
        (),
        ("migrants-refugees", "survivors"),
    ),
}  # fmt: skip


# --- Each programme's plan -------------------------------------------------------------------

PLANS: dict[str, list[Row]] = {
    "JM": [
        _r("law-review", "", "2025-02", 14, 3, 85_000, "en", "4"),
        _r("plan-costing", "", "2025-04", 10, 4, 60_000, "en", "1 2 3"),
        _r("harassment-bill", "", "2025-09", 15, 2, 45_000, "en", "4"),
        _r("child-marriage", "", "2027-01", 18, 1, None, "en", "1"),
        _r("police-training", "jm-kgn", "2025-03", 20, 2, 140_000, "en", "3 4"),
        # Near miss: the same course in another parish.
        _r("police-training", "jm-wml", "2027-02", 14, 1, 95_000, "en", "3 4", lead="unodc"),
        _r("grb-training", "", "2025-06", 18, 2, 55_000, "en", "1"),
        _r("case-management", "jm-kgn jm-cat", "2025-05", 24, 2, (9_500_000, "JMD"), "en", "3"),
        _r("judges-femicide", "", "2025-10", 12, 2, 70_000, "en", "4"),
        _r("municipal-committees", "jm-cla", "2025-01", 30, 2, 48_000, "en", "3"),
        _r("cse-schools", "jm-kgn jm-cla", "2025-09", 24, 2, 210_000, "en", "1"),
        _r("sasa", "jm-may-pen", "2025-03", 33, 2, 260_000, "en", "1"),
        _r("campaign-16-days", "jm-cat", "2025-11", 2, 4, 35_000, "en", "1"),
        _r("campaign-16-days", "jm-cat", "2026-11", 2, 2, 38_000, "en", "1"),
        _r("parenting", "jm-wml", "2025-07", 18, 2, 90_000, "en", "1"),
        _r("men-barbershops", "jm-kgn", "2026-01", 12, 2, 40_000, "en", "1"),
        _r("media-reporting", "", "2025-05", 6, 4, 25_000, "en"),
        _r("safe-spaces", "jm-cla", "2025-10", 24, 2, 120_000, "en", "1"),
        _r("shelters", "jm-kgn jm-wml", "2025-01", 36, 2, 480_000, "en", "2.1"),
        _r("clinical-rape", "jm-kgn jm-cat", "2025-06", 18, 2, 150_000, "en", "3"),
        _r("helpline", "", "2025-02", 34, 2, (18_000_000, "JMD"), "en", "3"),
        _r("psychosocial", "jm-may-pen", "2025-09", 12, 2, 65_000, "en", "3"),
        _r("legal-aid", "jm-wml", "2027-03", 18, 1, 75_000, "en", "4"),
        _r("referral-pathway", "jm-cla", "2025-04", 9, 3, 30_000, "en", "2 3"),
        _r("disability-access", "jm-kgn", "2025-08", 24, 2, 85_000, "en", "2"),
        _r("economic-empowerment", "jm-may-pen jm-wml", "2027-04", 20, 1, None, "en"),
        _r("prevalence-survey", "", "2027-01", 20, 1, 380_000, "en", "5", lead="unwomen"),
        _r("admin-data", "", "2025-03", 30, 2, 160_000, "en", "5"),
        _r("disability-study", "", "2025-05", 10, 6, 45_000, "en", "5"),
        _r("small-grants", "", "2025-04", 32, 2, 300_000, "en"),
        _r("reference-group", "", "2025-01", 36, 2, 30_000, "en"),
        _r("feminist-leadership", "jm-kgn", "2027-02", 12, 1, 50_000, "en"),
        _r("networks-lnob", "jm-cla jm-wml", "2025-06", 24, 2, 70_000, "en"),
        _r("jm-campaign-again", "jm-cat", "2025-11", 1, 2, 22_000, "en", "1", item=DUPLICATES["jm-campaign-again"]),
        _r("jm-police-desk", "jm-cat", "2025-10", 18, 2, 55_000, "en", "2 3", item=DUPLICATES["jm-police-desk"]),
    ],
    "HN": [
        _r("law-review", "", "2025-03", 12, 3, 90_000, "es", "EJE-3"),
        _r("plan-costing", "", "2025-05", 8, 4, 55_000, "both", "EJE-1 EJE-2 EJE-3"),
        _r("convention-190", "", "2025-09", 16, 2, 60_000, "es", "EJE-1"),
        _r("child-marriage", "", "2027-02", 14, 1, None, "es", "EJE-1"),
        _r("police-training", "hn-sps", "2025-10", 24, 2, 150_000, "es", "EJE-3"),
        _r("grb-training", "", "2025-07", 18, 2, (1_300_000, "HNL"), "es"),
        _r("case-management", "hn-tgu", "2025-06", 20, 2, 80_000, "both", "EJE-2"),
        _r("judges-femicide", "hn-tgu hn-sps", "2025-02", 16, 3, 110_000, "es", "EJE-3"),
        _r("municipal-committees", "hn-in hn-cp", "2025-03", 30, 2, 95_000, "es", "EJE-1 EJE-2"),
        _r("cse-schools", "hn-at", "2025-08", 24, 2, 180_000, "es", "EJE-1", lead="unfpa"),
        _r("sasa", "hn-tgu", "2025-05", 30, 2, 240_000, "both", "EJE-1"),
        _r("campaign-16-days", "hn-cr", "2025-11", 2, 4, 30_000, "es", "EJE-1"),
        _r("parenting", "hn-cp", "2027-01", 18, 1, 85_000, "es", "EJE-1"),
        _r("men-barbershops", "hn-sps", "2025-09", 12, 2, 35_000, "es", "EJE-1"),
        _r("media-reporting", "", "2025-04", 8, 4, (620_000, "HNL"), "es"),
        _r("safe-spaces", "hn-in", "2025-10", 24, 2, 130_000, "both", "EJE-1"),
        _r("shelters", "hn-tgu hn-sps", "2025-01", 36, 2, 520_000, "es", "EJE-2"),
        _r("clinical-rape", "hn-cr", "2025-06", 20, 2, 170_000, "es", "EJE-2", lead="paho"),
        _r("helpline", "", "2025-02", 34, 2, 210_000, "es", "EJE-2"),
        _r("psychosocial", "hn-at", "2025-09", 12, 2, 60_000, "es", "EJE-2"),
        _r("legal-aid", "hn-in", "2027-03", 18, 1, 70_000, "es", "EJE-3"),
        _r("referral-pathway", "hn-cp", "2025-04", 9, 3, 28_000, "both", "EJE-2"),
        _r("disability-access", "hn-tgu", "2025-08", 24, 5, 80_000, "es", "EJE-2"),
        _r("economic-empowerment", "hn-sps", "2027-04", 20, 1, None, "es"),
        _r("prevalence-survey", "", "2025-06", 18, 2, 420_000, "es", "EJE-4"),
        _r("admin-data", "", "2025-03", 30, 2, 175_000, "es", "EJE-4"),
        _r("femicide-observatory", "", "2025-01", 36, 2, 90_000, "both", "EJE-4", lead="undp"),
        _r("disability-study", "", "2025-05", 10, 6, 40_000, "es"),
        _r("small-grants", "", "2025-04", 32, 2, 320_000, "es"),
        _r("reference-group", "", "2025-01", 36, 2, 35_000, "both"),
        _r("feminist-leadership", "hn-fm", "2027-02", 12, 1, 55_000, "es"),
        _r("networks-lnob", "hn-in hn-at", "2025-06", 24, 2, 75_000, "es"),
        _r("hn-police-en", "hn-sps", "2027-01", 12, 1, 85_000, "en", "EJE-3", item=DUPLICATES["hn-police-en"]),
    ],
    "BZ": [
        _r("law-review", "", "2025-03", 12, 3, 70_000, "en", "GBV-3"),
        _r("plan-costing", "", "2025-05", 8, 4, 45_000, "en", "GBV-1 GBV-2"),
        _r("harassment-bill", "", "2025-10", 14, 2, 35_000, "en", "GBV-3"),
        _r("child-marriage", "", "2025-07", 18, 2, 40_000, "both", "GBV-1"),
        _r("police-training", "bz-cy", "2025-04", 18, 2, 95_000, "en", "GBV-2 GBV-3"),
        _r("case-management", "bz-bz", "2025-06", 20, 2, (160_000, "BZD"), "en", "GBV-2"),
        _r("judges-femicide", "", "2025-09", 12, 2, 60_000, "en", "GBV-3"),
        _r("municipal-committees", "bz-to", "2025-03", 30, 2, 50_000, "both", "GBV-2"),
        _r("cse-schools", "bz-sc bz-to", "2025-08", 24, 2, 140_000, "en", "GBV-1"),
        _r("sasa", "bz-cy", "2025-05", 30, 2, 180_000, "both", "GBV-1"),
        _r("campaign-16-days", "bz-bz", "2025-11", 2, 4, 25_000, "en", "GBV-1"),
        _r("parenting", "bz-sc", "2027-01", 18, 1, 60_000, "en", "GBV-1"),
        _r("men-barbershops", "bz-bz", "2025-09", 12, 2, 30_000, "en", "GBV-1"),
        _r("safe-spaces", "bz-to", "2025-10", 24, 2, 90_000, "en", "GBV-1"),
        _r("shelters", "bz-bz", "2025-01", 36, 2, 300_000, "en", "GBV-2", lead="unwomen"),
        _r("clinical-rape", "bz-cy bz-bz", "2025-06", 20, 2, 110_000, "en", "GBV-2"),
        _r("helpline", "", "2025-02", 34, 2, 120_000, "en", "GBV-2"),
        _r("psychosocial", "bz-cy", "2025-09", 12, 2, 45_000, "es", "GBV-2"),
        _r("legal-aid", "bz-to", "2027-03", 18, 1, 55_000, "en", "GBV-3"),
        _r("referral-pathway", "bz-sc", "2025-04", 9, 3, 20_000, "en", "GBV-2"),
        _r("disability-access", "bz-bz", "2025-08", 24, 2, 60_000, "en", "GBV-2"),
        _r("economic-empowerment", "bz-cy", "2027-04", 20, 1, None, "both"),
        _r("prevalence-survey", "", "2027-01", 20, 1, 300_000, "en", "GBV-4"),
        _r("admin-data", "", "2025-03", 30, 2, 130_000, "en", "GBV-4"),
        _r("small-grants", "", "2025-04", 32, 2, 220_000, "en"),
        _r("reference-group", "", "2025-01", 36, 2, 25_000, "en"),
        _r("feminist-leadership", "bz-bz", "2027-02", 12, 1, 40_000, "en"),
        _r("networks-lnob", "bz-to bz-sc", "2025-06", 24, 2, 65_000, "both"),
        _r("bz-police-es", "bz-cy", "2025-07", 12, 2, (120_000, "BZD"), "es", "GBV-3", item=DUPLICATES["bz-police-es"]),
    ],
    "TT": [
        _r("law-review", "", "2025-03", 12, 3, 80_000, "en", "SP-3"),
        _r("plan-costing", "", "2025-05", 8, 4, 50_000, "en", "SP-1 SP-2"),
        _r("harassment-bill", "", "2025-10", 14, 2, 40_000, "en", "SP-3"),
        _r("police-training", "tt-pos", "2025-04", 18, 2, 130_000, "en", "SP-3"),
        _r("grb-training", "", "2025-07", 18, 2, 45_000, "en"),
        _r("case-management", "tt-sgr", "2025-06", 20, 2, (520_000, "TTD"), "en", "SP-2"),
        _r("judges-femicide", "", "2025-09", 12, 2, 65_000, "en", "SP-3"),
        _r("municipal-committees", "tt-tob", "2025-03", 30, 2, 55_000, "en", "SP-2"),
        _r("cse-schools", "tt-pos tt-sgr", "2025-08", 24, 2, 160_000, "en", "SP-1", lead="unfpa"),
        _r("sasa", "tt-sgr", "2025-05", 30, 2, 200_000, "en", "SP-1"),
        _r("campaign-16-days", "tt-tob", "2025-11", 2, 4, 28_000, "en", "SP-1"),
        _r("parenting", "tt-pos", "2027-01", 18, 1, 75_000, "en", "SP-1"),
        _r("men-barbershops", "tt-pos", "2025-09", 12, 2, 35_000, "en", "SP-1"),
        _r("media-reporting", "", "2025-04", 8, 4, 25_000, "en", lead="undp"),
        _r("safe-spaces", "tt-tob", "2025-10", 24, 2, 100_000, "en", "SP-1"),
        _r("shelters", "tt-pos tt-tob", "2025-01", 36, 2, 400_000, "en", "SP-2"),
        _r("clinical-rape", "tt-sgr", "2025-06", 20, 2, 120_000, "en", "SP-2", lead="unfpa"),
        _r("helpline", "", "2025-02", 34, 2, (1_100_000, "TTD"), "en", "SP-2"),
        _r("legal-aid", "tt-sgr", "2027-03", 18, 1, 60_000, "en", "SP-3"),
        _r("referral-pathway", "tt-tob", "2025-04", 9, 3, 22_000, "en", "SP-2"),
        _r("disability-access", "tt-pos", "2025-08", 24, 2, 70_000, "en", "SP-2"),
        _r("economic-empowerment", "tt-sgr", "2027-04", 20, 1, None, "en"),
        _r("prevalence-survey", "", "2027-01", 20, 1, 320_000, "en", "SP-4"),
        _r("admin-data", "", "2025-03", 30, 2, 150_000, "en", "SP-4"),
        _r("femicide-observatory", "", "2025-01", 36, 2, 80_000, "en", "SP-4"),
        _r("small-grants", "", "2025-04", 32, 2, 250_000, "en"),
        _r("reference-group", "", "2025-01", 36, 2, 30_000, "en"),
        _r("feminist-leadership", "tt-pos", "2027-02", 12, 1, 45_000, "en"),
        _r("tt-migrant-groups-en", "tt-pos", "2025-09", 12, 2, 70_000, "en", "SP-2", item=DUPLICATES["tt-migrant-groups-en"]),
        _r("tt-migrant-groups-es", "tt-pos", "2025-10", 12, 2, 65_000, "es", "SP-2", item=DUPLICATES["tt-migrant-groups-es"]),
    ],
}  # fmt: skip

# Updates from the people working on the activities: (programme, catalogue key or duplicate key,
# author's username, kind, language, text).
UPDATES = [
    ("JM", "shelters", "focalpoint", "progress", "en", "The Kingston shelter reopened after refurbishment with 24 beds, two of them accessible. Westmoreland works start in March."),
    ("JM", "sasa", "partner", "collaboration", "en", "Our community activists in May Pen would welcome police officers trained under the police course to join the next community meeting."),
    ("JM", "campaign-16-days", "focalpoint", "opportunity", "en", "Radio Jamaica offers free airtime for the 16 Days spots this year: any agency with material for St Catherine, please get in touch."),
    ("JM", "helpline", "coordinator", "progress", "en", "The helpline now answers on WhatsApp from 8 am to midnight; 340 conversations in the first month."),
    ("HN", "police-training", "coordinadora", "progress", "es", "Se capacitó a la primera cohorte de 32 agentes en San Pedro Sula; la segunda empieza en junio."),
    ("HN", "prevalence-survey", "coordinadora", "collaboration", "es", "El INE busca organizaciones de mujeres que revisen el cuestionario antes de la prueba piloto."),
]  # fmt: skip
