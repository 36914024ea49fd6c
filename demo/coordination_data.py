"""The demo coordination bodies: the committees, task force, pillar groups, sub-committees and
forums of the seed's Jamaica practice, set up in every demo programme (``demo.coordination``
loads them).

The same bodies exist in each programme, as Spotlight programmes share one coordination
architecture; who sits on them is per programme (``PEOPLE``), named by a slot ("gov", "cso"…)
that the bodies' member lists use. Jamaica, Belize and Trinidad and Tobago meet in English and
Honduras in Spanish. Names of agencies are real; the people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# An organisation is a key of demo.data.ORGANISATIONS or of demo.workplan_data
# .EXTRA_ORGANISATIONS, or "provider:<kind>" for one of the directory's providers
# (demo.directory.PROVIDERS) of the programme.

# Per programme, per slot: (username, first name, last name, organisation, programme role).
# A username that already exists (demo.data.USERS) is used as it is.
PEOPLE: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "JM": {
        "rco": ("coordinator", "Claudette", "Brown", "rco", "coordinator"),
        "unwomen": ("focalpoint", "Andrea", "Campbell", "unwomen", "focal_point"),
        "undp": ("jm.undp", "Devon", "Thompson", "undp", "focal_point"),
        "unfpa": ("jm.unfpa", "Keisha", "Reid", "unfpa", "focal_point"),
        "unicef": ("jm.unicef", "Omar", "Grant", "unicef", "focal_point"),
        "gov": ("jm.bga", "Sharon", "Ellis", "jm-bga", "partner"),
        "police": ("jm.police", "Ricardo", "Morgan", "provider:police", "partner"),
        "health": ("jm.health", "Natalie", "Francis", "provider:hospital", "partner"),
        "cso": ("partner", "Marcia", "Williams", "jm-womaninc", "partner"),
        "cso2": ("jm.rural", "Beverley", "Clarke", "jm-rural", "partner"),
        "ip": ("jm.ip", "Garfield", "Bailey", "provider:economic", "partner"),
    },
    "HN": {
        "rco": ("coordinadora", "Lucía", "Martínez", "rco", "coordinator"),
        "unwomen": ("hn.onumujeres", "Gabriela", "Zelaya", "unwomen", "focal_point"),
        "undp": ("hn.pnud", "Mario", "Castillo", "undp", "focal_point"),
        "unfpa": ("hn.unfpa", "Karla", "Mejía", "unfpa", "focal_point"),
        "unicef": ("hn.unicef", "José", "Flores", "unicef", "focal_point"),
        "gov": ("hn.semujer", "Ana", "Reyes", "hn-semujer", "partner"),
        "police": ("hn.policia", "Carlos", "Aguilar", "provider:police", "partner"),
        "health": ("hn.salud", "Dania", "Rodríguez", "provider:hospital", "partner"),
        "cso": ("hn.cdm", "Suyapa", "Hernández", "hn-cdm", "partner"),
        "cso2": ("hn.consejeria", "Marta", "López", "provider:counselling", "partner"),
        "ip": ("hn.socio", "Luis", "Ortega", "provider:economic", "partner"),
    },
    "BZ": {
        "rco": ("bz.rco", "Denise", "Gillett", "rco", "coordinator"),
        "unwomen": ("bz.unwomen", "Shanelle", "Young", "unwomen", "focal_point"),
        "undp": ("bz.undp", "Kent", "Usher", "undp", "focal_point"),
        "unfpa": ("bz.unfpa", "Alma", "Cal", "unfpa", "focal_point"),
        "unicef": ("bz.unicef", "Errol", "Pott", "unicef", "focal_point"),
        "gov": ("bz.nwc", "Yvette", "Castillo", "bz-nwc", "partner"),
        "police": ("bz.police", "Marlon", "Flowers", "provider:police", "partner"),
        "health": ("bz.health", "Sharmaine", "Coye", "provider:hospital", "partner"),
        "cso": ("bz.haven", "Tricia", "Garbutt", "bz-haven", "partner"),
        "cso2": ("bz.counselling", "Nadia", "Chan", "provider:counselling", "partner"),
        "ip": ("bz.ip", "Dwight", "Neal", "provider:economic", "partner"),
    },
    "TT": {
        "rco": ("tt.rco", "Renée", "Baptiste", "rco", "coordinator"),
        "unwomen": ("tt.unwomen", "Kimberly", "Ramdass", "unwomen", "focal_point"),
        "undp": ("tt.undp", "Anil", "Persad", "undp", "focal_point"),
        "unfpa": ("tt.unfpa", "Cherisse", "Joseph", "unfpa", "focal_point"),
        "unicef": ("tt.unicef", "Marcus", "Charles", "unicef", "focal_point"),
        "gov": ("tt.gcad", "Sherry-Ann", "Mohammed", "tt-gad", "partner"),
        "police": ("tt.police", "Kerwin", "Alexander", "provider:police", "partner"),
        "health": ("tt.health", "Indira", "Maharaj", "provider:hospital", "partner"),
        "cso": ("tt.counselling", "Leah", "Phillip", "provider:counselling", "partner"),
        "cso2": ("tt.shelter", "Camille", "Noel", "provider:shelter", "partner"),
        "ip": ("tt.fpa", "Dexter", "Sookdeo", "tt-fpa", "partner"),
    },
}

# The EU Delegation's communications officer, invited to every meeting of the Communications
# Task Force (a guest: the Delegation does not sit on the task force).
EU_GUESTS = {
    "JM": "Ingrid Novak",
    "HN": "Elena Ruiz Sanz",
    "BZ": "Ingrid Novak",
    "TT": "Tomás Ferreira",
}

# Where the bodies meet, per programme: (place, online link).
PLACES = {
    "JM": ("UN House, 1-3 Lady Musgrave Road, Kingston", "https://meet.demo.spotlight.invalid/jm"),
    "HN": ("Casa de la ONU, Tegucigalpa", "https://meet.demo.spotlight.invalid/hn"),
    "BZ": ("UN House, Belmopan", "https://meet.demo.spotlight.invalid/bz"),
    "TT": ("UN House, Port of Spain", "https://meet.demo.spotlight.invalid/tt"),
}

Text = tuple[str, str]  # (English, Spanish)


@dataclass
class BodySpec:
    key: str
    type: str
    name: Text
    mandate: Text
    # Slot -> role on the body ("chair", "member", "observer", "secretariat").
    members: dict[str, str]
    chair: str  # slot whose organisation chairs
    co_chair: str = ""
    pillar: int | None = None
    parent: str = ""
    visibility: str = "programme"
    rrule: str = "FREQ=MONTHLY;BYDAY=1TU"
    months_between: int = 1  # for the first date of the series, a year back
    hour: int = 10
    duration: int = 90
    mode: str = "both"
    eu_guest: bool = False
    # Occurrences of the past year (0 = the first) that were cancelled, and moved (days later).
    cancelled: tuple[int, ...] = ()
    moved: dict[int, int] = field(default_factory=dict)
    topics: list[Text] = field(default_factory=list)
    decisions: list[Text] = field(default_factory=list)
    actions: list[Text] = field(default_factory=list)
    # Link workplan activities of the body's pillar (or of any pillar) to agenda items.
    link_activities: bool = False


BODIES = [
    BodySpec(
        key="steering",
        type="steering",
        name=("National Steering Committee", "Comité Directivo Nacional"),
        mandate=(
            "Gives strategic direction to the programme under the leadership of the Resident "
            "Coordinator and the government, approves the annual workplan and reviews progress.",
            "Orienta estratégicamente el programa bajo el liderazgo de la Coordinadora Residente "
            "y del gobierno, aprueba el plan de trabajo anual y revisa los avances.",
        ),
        members={
            "gov": "chair",
            "rco": "secretariat",
            "unwomen": "member",
            "undp": "member",
            "unfpa": "member",
            "unicef": "member",
            "cso": "member",
        },
        chair="gov",
        co_chair="rco",
        visibility="public",
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH",
        months_between=3,
        duration=120,
        mode="in_person",
        topics=[
            ("Progress against the annual workplan", "Avance del plan de trabajo anual"),
            ("Budget delivery by agency", "Ejecución presupuestaria por agencia"),
            ("Alignment with the national action plan", "Alineación con el plan de acción nacional"),
            ("Risks and mitigation", "Riesgos y mitigación"),
        ],
        decisions=[
            ("The annual workplan is approved as presented.", "Se aprueba el plan de trabajo anual tal como se presentó."),
            ("Unspent funds of pillar 2 are reallocated to pillar 4 services.", "Los fondos no ejecutados del pilar 2 se reasignan a los servicios del pilar 4."),
            ("The government will co-chair the mid-term review.", "El gobierno copresidirá la revisión de medio término."),
        ],
        actions=[
            ("Circulate the revised results framework to all members", "Circular el marco de resultados revisado a todos los miembros"),
            ("Prepare the budget reallocation note for the Secretariat", "Preparar la nota de reasignación presupuestaria para la Secretaría"),
            ("Share the government's reporting calendar", "Compartir el calendario de informes del gobierno"),
        ],
    ),
    BodySpec(
        key="technical",
        type="technical",
        name=("Interagency Technical Committee", "Comité Técnico Interagencial"),
        mandate=(
            "Keeps the agencies' work technically coherent, avoids duplication and prepares the "
            "Steering Committee's decisions.",
            "Mantiene la coherencia técnica del trabajo de las agencias, evita duplicaciones y "
            "prepara las decisiones del Comité Directivo.",
        ),
        members={
            "rco": "chair",
            "unwomen": "secretariat",
            "undp": "member",
            "unfpa": "member",
            "unicef": "member",
        },
        chair="rco",
        co_chair="unwomen",
        rrule="FREQ=MONTHLY;BYDAY=2WE",
        cancelled=(4,),
        moved={7: 1},
        link_activities=True,
        topics=[
            ("Joint workplan: activities starting this quarter", "Plan de trabajo conjunto: actividades que inician este trimestre"),
            ("Possible duplicates flagged in the workplan", "Posibles duplicados señalados en el plan de trabajo"),
            ("Joint procurement of training venues", "Adquisición conjunta de locales de capacitación"),
            ("Preparing the annual report", "Preparación del informe anual"),
            ("Harmonised approach to implementing partners", "Enfoque armonizado hacia los socios implementadores"),
        ],
        decisions=[
            ("UNDP and UNFPA will run one joint police training instead of two.", "PNUD y UNFPA realizarán una sola capacitación policial conjunta en lugar de dos."),
            ("Agencies report activity status in the Hub by the 5th of each month.", "Las agencias actualizan el estado de sus actividades en el Hub antes del 5 de cada mes."),
            ("A shared roster of trainers is kept by UN Women.", "ONU Mujeres mantendrá un registro común de facilitadoras."),
        ],
        actions=[
            ("Merge the two police training activities in the workplan", "Fusionar las dos actividades de capacitación policial en el plan de trabajo"),
            ("Update activity statuses before the next meeting", "Actualizar el estado de las actividades antes de la próxima reunión"),
            ("Draft the annual report outline", "Redactar el índice del informe anual"),
            ("Map venues used by each agency in the target communities", "Mapear los locales usados por cada agencia en las comunidades meta"),
        ],
    ),
    BodySpec(
        key="communications",
        type="task_force",
        name=("Communications Task Force", "Grupo de Trabajo de Comunicación"),
        mandate=(
            "Plans joint communications and visibility for the programme with the agencies' "
            "communications officers; the EU Delegation is invited to every monthly meeting.",
            "Planifica la comunicación conjunta y la visibilidad del programa con las oficiales "
            "de comunicación de las agencias; la Delegación de la UE está invitada a cada "
            "reunión mensual.",
        ),
        members={
            "rco": "chair",
            "unwomen": "secretariat",
            "undp": "member",
            "unfpa": "member",
            "unicef": "member",
        },
        chair="rco",
        rrule="FREQ=MONTHLY;BYDAY=1TU",
        duration=60,
        mode="online",
        eu_guest=True,
        cancelled=(5,),
        moved={2: 2},
        topics=[
            ("Campaign calendar for the coming month", "Calendario de campañas del próximo mes"),
            ("EU visibility requirements and branding", "Requisitos de visibilidad de la UE y uso de logos"),
            ("16 Days of Activism plans", "Planes para los 16 días de activismo"),
            ("Shared toolbox of communication products", "Caja de herramientas común de productos de comunicación"),
            ("Media monitoring and social media figures", "Monitoreo de medios y cifras de redes sociales"),
            ("Human-interest stories from the communities", "Historias de vida de las comunidades"),
        ],
        decisions=[
            ("All joint products carry the Spotlight, EU and UN logos in the agreed order.", "Todos los productos conjuntos llevan los logos de Spotlight, la UE y la ONU en el orden acordado."),
            ("One joint press release for the 16 Days, cleared by the EU Delegation.", "Un solo comunicado conjunto para los 16 días, validado por la Delegación de la UE."),
            ("Communication products are pooled in a shared toolbox.", "Los productos de comunicación se reúnen en una caja de herramientas común."),
        ],
        actions=[
            ("Send the campaign calendar to the EU Delegation", "Enviar el calendario de campañas a la Delegación de la UE"),
            ("Collect two human-interest stories per agency", "Reunir dos historias de vida por agencia"),
            ("Add sign-language versions of the campaign videos", "Añadir versiones en lengua de señas de los videos de la campaña"),
            ("Compile the quarterly media monitoring report", "Compilar el informe trimestral de monitoreo de medios"),
        ],
    ),
    BodySpec(
        key="pillar3",
        type="pillar_group",
        name=("Pillar 3 group: prevention", "Grupo del pilar 3: prevención"),
        mandate=(
            "Technical coherence across the agencies working on prevention and social norms.",
            "Coherencia técnica entre las agencias que trabajan en prevención y normas sociales.",
        ),
        members={"unfpa": "chair", "unicef": "secretariat", "unwomen": "member", "undp": "member"},
        chair="unfpa",
        pillar=3,
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH",
        months_between=3,
        link_activities=True,
        topics=[
            ("Community mobilisation: lessons from the target communities", "Movilización comunitaria: lecciones de las comunidades meta"),
            ("School curriculum on gender equality", "Currículo escolar sobre igualdad de género"),
            ("Working with men and boys", "Trabajo con hombres y niños"),
        ],
        decisions=[
            ("One set of community facilitator materials for all agencies.", "Un solo juego de materiales para facilitadoras comunitarias para todas las agencias."),
            ("Baseline survey questions on social norms are shared.", "Se comparten las preguntas de la línea de base sobre normas sociales."),
        ],
        actions=[
            ("Share facilitator materials with the sub-committee", "Compartir los materiales de facilitación con el subcomité"),
            ("Agree the schools for the second cohort", "Acordar las escuelas de la segunda cohorte"),
        ],
    ),
    BodySpec(
        key="pillar4",
        type="pillar_group",
        name=("Pillar 4 group: quality essential services", "Grupo del pilar 4: servicios esenciales de calidad"),
        mandate=(
            "Technical coherence across the agencies supporting health, police, justice and "
            "social services for survivors.",
            "Coherencia técnica entre las agencias que apoyan los servicios de salud, policía, "
            "justicia y sociales para sobrevivientes.",
        ),
        members={"unwomen": "chair", "undp": "secretariat", "unfpa": "member", "unicef": "member"},
        chair="unwomen",
        pillar=4,
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU",
        months_between=3,
        link_activities=True,
        topics=[
            ("Essential services package: roll-out", "Paquete de servicios esenciales: implementación"),
            ("Referral pathways in the target communities", "Rutas de derivación en las comunidades meta"),
            ("Shelter capacity and standards", "Capacidad y estándares de los refugios"),
        ],
        decisions=[
            ("The directory of services is the reference for referral pathways.", "El directorio de servicios es la referencia para las rutas de derivación."),
            ("Police and health training use the same survivor-centred module.", "La capacitación de policía y salud usa el mismo módulo centrado en sobrevivientes."),
        ],
        actions=[
            ("Verify the directory entries of the target communities", "Verificar las entradas del directorio de las comunidades meta"),
            ("Circulate the shelter standards checklist", "Circular la lista de verificación de estándares de refugios"),
        ],
    ),
    BodySpec(
        key="pillar3-sub",
        type="sub_committee",
        name=("Prevention sub-committee with government and civil society", "Subcomité de prevención con gobierno y sociedad civil"),
        mandate=(
            "Brings government and civil society into the planning and follow-up of prevention "
            "work, for meaningful multi-stakeholder participation.",
            "Integra al gobierno y a la sociedad civil en la planificación y el seguimiento del "
            "trabajo de prevención, para una participación significativa de múltiples actores.",
        ),
        members={
            "gov": "chair",
            "unfpa": "secretariat",
            "unicef": "member",
            "cso": "member",
            "cso2": "member",
            "ip": "member",
        },
        chair="gov",
        co_chair="unfpa",
        pillar=3,
        parent="pillar3",
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH",
        months_between=3,
        link_activities=True,
        topics=[
            ("Community dialogues: where and when", "Diálogos comunitarios: dónde y cuándo"),
            ("Civil society feedback on the campaign", "Opiniones de la sociedad civil sobre la campaña"),
            ("Government prevention priorities", "Prioridades de prevención del gobierno"),
        ],
        decisions=[
            ("Community dialogues are co-facilitated by a civil society organisation.", "Los diálogos comunitarios son cofacilitados por una organización de la sociedad civil."),
        ],
        actions=[
            ("Propose three community dialogue venues", "Proponer tres locales para los diálogos comunitarios"),
            ("Send written feedback on the campaign materials", "Enviar comentarios escritos sobre los materiales de la campaña"),
        ],
    ),
    BodySpec(
        key="pillar4-sub",
        type="sub_committee",
        name=("Services sub-committee with government and civil society", "Subcomité de servicios con gobierno y sociedad civil"),
        mandate=(
            "Government service providers and civil society organisations follow up the "
            "quality and reach of essential services together with the agencies.",
            "Los proveedores de servicios del gobierno y las organizaciones de la sociedad civil "
            "dan seguimiento a la calidad y el alcance de los servicios esenciales junto con las "
            "agencias.",
        ),
        members={
            "gov": "chair",
            "unwomen": "secretariat",
            "police": "member",
            "health": "member",
            "cso": "member",
            "cso2": "member",
        },
        chair="gov",
        co_chair="unwomen",
        pillar=4,
        parent="pillar4",
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=4TU",
        months_between=3,
        link_activities=True,
        topics=[
            ("Cases referred between police, health and shelters", "Casos derivados entre policía, salud y refugios"),
            ("Gaps in services reported by civil society", "Brechas en los servicios señaladas por la sociedad civil"),
            ("Hotline and after-hours coverage", "Línea de ayuda y cobertura fuera de horario"),
        ],
        decisions=[
            ("A joint case conference is held every quarter.", "Se realiza una conferencia de casos conjunta cada trimestre."),
            ("Civil society shelters are added to the referral pathway.", "Los refugios de la sociedad civil se incorporan a la ruta de derivación."),
        ],
        actions=[
            ("Share anonymised referral figures for the quarter", "Compartir las cifras anonimizadas de derivaciones del trimestre"),
            ("Update the after-hours contact list", "Actualizar la lista de contactos fuera de horario"),
        ],
    ),
    BodySpec(
        key="partner-forum",
        type="partner_forum",
        name=("Implementing Partners' Forum", "Foro de Socios Implementadores"),
        mandate=(
            "Implementing partners share updates, information and opportunities and find how "
            "their projects connect.",
            "Los socios implementadores comparten novedades, información y oportunidades y "
            "buscan cómo conectar sus proyectos.",
        ),
        members={
            "rco": "chair",
            "unwomen": "secretariat",
            "ip": "member",
            "cso": "member",
            "cso2": "member",
            "gov": "observer",
        },
        chair="rco",
        rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE",
        months_between=3,
        duration=120,
        link_activities=True,
        topics=[
            ("Round of project updates", "Ronda de novedades de los proyectos"),
            ("Catalogue of service providers", "Catálogo de proveedores de servicios"),
            ("Reporting requirements and deadlines", "Requisitos y plazos de informes"),
        ],
        decisions=[
            ("Partners list their services in the Hub directory.", "Los socios registran sus servicios en el directorio del Hub."),
        ],
        actions=[
            ("Send the reporting template to all partners", "Enviar la plantilla de informe a todos los socios"),
            ("Add the partners' services to the directory", "Añadir los servicios de los socios al directorio"),
        ],
    ),
    BodySpec(
        key="reference-group",
        type="reference_group",
        name=("Civil Society National Reference Group", "Grupo Nacional de Referencia de la Sociedad Civil"),
        mandate=(
            "Advises the programme and holds it to account on behalf of women's rights "
            "organisations and the groups furthest behind.",
            "Asesora al programa y le exige rendición de cuentas en nombre de las organizaciones "
            "de derechos de las mujeres y de los grupos más rezagados.",
        ),
        members={"cso": "chair", "cso2": "member", "ip": "member", "unwomen": "secretariat"},
        chair="cso",
        rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
        months_between=2,
        topics=[
            ("Review of the programme's annual report", "Revisión del informe anual del programa"),
            ("Small grants for grassroots organisations", "Pequeñas subvenciones para organizaciones de base"),
            ("Reaching women with disabilities", "Llegar a las mujeres con discapacidad"),
        ],
        decisions=[
            ("The group's recommendations go to the Steering Committee in writing.", "Las recomendaciones del grupo se envían por escrito al Comité Directivo."),
        ],
        actions=[
            ("Write the recommendations on the annual report", "Redactar las recomendaciones sobre el informe anual"),
            ("Identify disability-led organisations to invite", "Identificar organizaciones lideradas por personas con discapacidad para invitarlas"),
        ],
    ),
]  # fmt: skip

# How likely each stakeholder type is to be in the room (government most times, civil
# society less); the others sent apologies, or (one in three) did not.
PRESENCE = {
    "un": 0.92,
    "government": 0.85,
    "civil_society": 0.6,
    "implementing_partner": 0.65,
    "donor": 0.8,
}

# Standing agenda items.
APPROVAL_ITEM: Text = (
    "Approval of the minutes of the previous meeting",
    "Aprobación del acta de la reunión anterior",
)
ACTIONS_ITEM: Text = ("Follow-up of action items", "Seguimiento de los compromisos")
AOB_ITEM: Text = ("Any other business", "Asuntos varios")  # fmt: skip
