"""A bilingual lexicon of the field: English and Spanish words and phrases → one concept.

Written from the vocabulary of Spotlight workplans, the Essential Services Package and the
pillar outcomes, not from the evaluation pairs. Each line of ``TABLE`` is::

    concept | weight | english; variants | spanish; variants

The first variant of each language is the concept's label in reasons shown to people. Weights
stand in for rarity, since the scorer has no corpus at run time: ``g`` for words that nearly every
activity of the programme uses (violence, women, strengthen), ``c`` for common words of the field
(training, community, data), ``s`` for specific ones (shelter, femicide, judges). Variants are
folded, stripped of stop words and stemmed like the text they are matched against (see
``workplan.overlaps``), so listing a singular and a plural is only needed where the stemmer does
not bring them together (jueces/juez). A variant in capitals is an acronym, matched in either
language's text.
"""

from __future__ import annotations

WEIGHTS = {"g": 0.15, "c": 0.5, "s": 1.0}

# The people an activity works with or for. Two activities on the same topic for different people
# (training police, training teachers) are two activities, however alike their wording; concepts
# in one class are the same people named differently (teachers and schools).
AUDIENCES = {
    "police": "police",
    "police_unit": "police",
    "investigation": "police",
    "judiciary": "justice",
    "prosecutors": "justice",
    "specialised_court": "justice",
    "health": "health",
    "clinical_management": "health",
    "community_health_workers": "health",
    "social_workers": "social_work",
    "child_protection": "social_work",
    "teachers": "education",
    "schools": "education",
    "university": "university",
    "parliament": "parliament",
    "media": "media",
    "faith": "faith",
    "men": "men",
    "masculinities": "men",
    "perpetrators": "perpetrators",
    "adolescents": "adolescents",
    "children": "children",
    "parenting": "parents",
    "rural": "rural",
    "indigenous": "indigenous",
    "afro_descendant": "afro_descendant",
    "disability": "disability",
    "migrants": "migrants",
    "lgbtiq": "lgbtiq",
    "older_women": "older",
    "sex_workers": "sex_workers",
    "hiv": "hiv",
    "domestic_workers": "domestic_workers",
    "private_sector": "private_sector",
    "tourism": "private_sector",
    "prisons": "prisons",
    "military": "military",
    "fishing": "fishing",
    "municipality": "local_government",
}

TABLE = """
# --- words of every activity ---
violence | g | violence; violent; violences | violencia; violencias; violento; violenta
women | g | women; woman; female; females | mujeres; mujer; femenino; femenina
girls | g | girls; girl | niñas; niña
gender | g | gender; gendered | género
gbv | g | gender-based violence; GBV; SGBV; sexual and gender-based violence | violencia de género; violencia basada en género; violencia por razones de género; VBG
vawg | g | violence against women and girls; violence against women; VAWG; VAW; EVAWG; EVAW | violencia contra las mujeres y las niñas; violencia contra las mujeres; violencia contra la mujer; VCMN; VCM
spotlight | g | Spotlight Initiative; Spotlight | Iniciativa Spotlight
programme | g | programme; program; project; projects; initiative; intervention; interventions | programa; programas; proyecto; proyectos; iniciativa; intervención; intervenciones
activity | g | activity; activities; action; actions; event; events | actividad; actividades; acción; acciones; evento; eventos
strengthen | g | strengthen; strengthening; strengthened; enhance; enhancing; improve; improving; improvement; reinforce | fortalecer; fortalecimiento; fortalecida; mejorar; mejora; mejoramiento; reforzar; reforzamiento
support | g | support; supporting; assist; assisting | apoyo; apoyar; apoyos
develop | g | develop; development; developing; design; designing; create; creation; establish; establishment; set up | desarrollo; desarrollar; diseño; diseñar; crear; creación; establecer; establecimiento; conformar; conformación
implement | g | implement; implementation; implementing; deliver; delivery; execution; conduct; carry out; roll out; rollout | implementación; implementar; ejecución; ejecutar; realizar; realización; llevar a cabo
promote | g | promote; promotion; promoting; foster; advance; advancing | promover; promoción; fomentar; fomento; impulsar; impulso
response | g | response; respond; responding; address; addressing; tackle | respuesta; responder; abordaje; abordar; atender
ending | g | end; ending; eliminate; eliminating; elimination; eradicate; eradication; stop | poner fin; fin; erradicar; erradicación; eliminar; eliminación
rights | g | human rights; rights | derechos humanos; derechos
national | g | national; nationwide; country; countrywide | nacional; nacionales; país
local | g | local; locally | local; locales; localmente
region | g | region; regional; province; parish; district; department; county | región; regional; provincia; parroquia; distrito; departamento; departamental; cantón
people | g | people; persons; population; populations | personas; población; poblaciones
government | g | government; governments; ministry; ministries; minister; public sector; state | gobierno; gobiernos; ministerio; ministerios; ministra; ministro; sector público; estado; estatal
institution | g | institution; institutions; institutional | institución; instituciones; institucional; institucionales
services | g | services; service; care; provision | servicios; servicio; atención; prestación
case | g | case; cases | caso; casos
needs | g | needs; need | necesidades; necesidad
approach | g | approach; approaches; model; methodology; methodologies | enfoque; enfoques; modelo; metodología; metodologías
equality | g | gender equality; equality; equity | igualdad de género; igualdad; equidad
city | g | city; town; cities; towns; urban | ciudad; ciudades; urbano; urbana; urbanas
# --- common words of the field ---
prevention | c | prevention; prevent; preventing; preventive | prevención; prevenir; preventivo; preventiva
access | c | access; accessible; accessibility | acceso; accesible; accesibilidad
quality | c | quality | calidad
comprehensive | c | comprehensive; integrated; holistic | integral; integrales; integrado; integrada
evidence | c | evidence; evidence-based | evidencia; evidencias; basado en evidencia
phase | c | phase; stage; second phase; pilot; piloting; pilot phase | fase; etapa; segunda fase; piloto; pilotaje; fase piloto
review | c | review; reviewing; revision; revise; update; updating; validation; validate | revisión; revisar; actualización; actualizar; validación; validar
drafting | c | draft; drafting; elaborate; elaboration; formulation; formulate; prepare; preparation; write | elaboración; elaborar; borrador; redacción; redactar; formulación; formular
dissemination | c | dissemination; disseminate; launch; launching; distribution; distribute; publish | difusión; difundir; lanzamiento; lanzar; distribución; distribuir; divulgación; divulgar; socialización; socializar
adoption | c | adoption; adopt; approval; approve; passage; enact; enactment | aprobación; aprobar; adopción; adoptar; promulgación; promulgar
expansion | c | expansion; expand; scale up; scaling up; scale-up; extension; extend | ampliación; ampliar; expansión; extender; escalamiento; escalar
agreement | c | agreement; agreements; memorandum of understanding; MOU; partnership agreement | acuerdo; acuerdos; convenio; convenios; memorando de entendimiento; carta de entendimiento
coordination | c | coordination; coordinating; coordinate; inter-agency; interagency; inter-institutional; multisectoral; multi-sectoral; intersectoral; steering committee; committee; task force; working group; round table | coordinación; coordinar; interinstitucional; intersectorial; multisectorial; comité; mesa interinstitucional; mesa técnica; mesa; comisión; grupo de trabajo
training | c | training; train; trained; trainings; capacity building; capacity-building; capacity development; build capacity; building capacities | capacitación; capacitaciones; capacitar; formación; entrenamiento; fortalecimiento de capacidades; desarrollo de capacidades; capacidades
workshop | c | workshop; workshops; seminar; seminars; session; sessions; webinar | taller; talleres; seminario; seminarios; jornada; jornadas; sesión; sesiones; webinario
staff | c | staff; personnel; officials; civil servants; public servants; service providers; providers; frontline workers; first responders; practitioners; professionals | personal; funcionarios; funcionarias; servidores públicos; servidoras públicas; proveedores de servicios; prestadores de servicios; operadores; operadoras; primera respuesta; profesionales
leaders | c | leaders; leadership; community leaders | líderes; lideresas; liderazgo; líderes comunitarios
leadership_school | s | leadership school; leadership schools; leadership academy | escuela de liderazgo; escuelas de liderazgo; escuela de formación política
guide | c | manual; handbook; guide; guidebook; toolkit; guidance; tool; tools | manual; manuales; guía; guías; caja de herramientas; herramienta; herramientas
law | c | law; laws; legislation; legislative; act; bill; legal framework; statute; regulations | ley; leyes; legislación; legislativo; legislativa; proyecto de ley; marco legal; marco jurídico; normativa; reglamento; reglamentación
policy | c | policy; policies; public policy | política; políticas; política pública; políticas públicas
strategy | c | strategy; strategies; strategic | estrategia; estrategias; estratégico; estratégica
justice | c | justice; justice system; justice sector; criminal justice; access to justice | justicia; sistema de justicia; sector justicia; acceso a la justicia
health | c | health; health sector; health workers; health professionals; health facilities; health care; healthcare; hospital; hospitals; clinic; clinics; nurses; doctors; medical | salud; sector salud; personal de salud; trabajadores de salud; hospital; hospitales; clínica; clínicas; centro de salud; centros de salud; enfermeras; enfermeros; médicos; médicas; médico
survivors | c | survivors; survivor; victims; victim; victim-survivors; affected women | sobrevivientes; sobreviviente; víctimas; víctima; mujeres afectadas
domestic_violence | c | domestic violence; DV; family violence; intimate partner violence; IPV; partner violence; spousal abuse | violencia doméstica; violencia intrafamiliar; violencia familiar; VIF; violencia de pareja; violencia en la pareja
sexual_violence | c | sexual violence; sexual assault; rape; sexual abuse; incest; sexual offences; sexual offenses | violencia sexual; agresión sexual; violación; abuso sexual; incesto; delitos sexuales
community | c | community; communities; neighbourhood; neighborhood; neighbourhoods; grassroots; communal | comunidad; comunidades; comunitario; comunitaria; comunitarios; barrio; barrios; colonia; colonias
family | c | family; families; household; households; home | familia; familias; hogar; hogares
children | c | children; child; childhood; early childhood; sons and daughters | niñez; infancia; niños; infantil; niños y niñas; niñas y niños; hijos; hijas; hijos e hijas
men | c | men; man; boys; male; males | hombres; hombre; varones; masculino
data | c | data; statistics; statistical; figures; administrative data; information | datos; estadísticas; estadística; estadístico; cifras; información; datos administrativos
research | c | research; study; studies; assessment; assessments; analysis; diagnostic; diagnosis; situation analysis | investigación; estudio; estudios; diagnóstico; diagnósticos; análisis; análisis situacional
monitoring | c | monitoring; monitor; evaluation; evaluate; follow-up; tracking; MEL | monitoreo; monitorear; evaluación; evaluar; seguimiento; MyE
report | c | report; reports; annual report | informe; informes; reporte; reportes; informe anual
communication | c | communication; communications; messaging; messages; materials; IEC materials; information materials; brochures; posters; leaflets; flyers | comunicación; mensajes; materiales; materiales educativos; folletos; afiches; carteles; material informativo; volantes
awareness | c | awareness; awareness-raising; awareness raising; sensitization; sensitisation; sensitize; sensitise; public awareness | sensibilización; sensibilizar; concientización; concienciación; conciencia
social_norms | c | social norms; norms; attitudes; behaviour change; behavior change; behaviours; behaviors; stereotypes; gender norms; gender stereotypes | normas sociales; normas; actitudes; cambio de comportamiento; comportamientos; conductas; estereotipos; normas de género; estereotipos de género
dialogue | c | dialogue; dialogues; conversations; forum; forums; town hall; town halls; discussion; discussions | diálogo; diálogos; conversatorio; conversatorios; foro; foros; cabildo abierto; conversación; conversaciones
empowerment | c | empowerment; empower; empowering; autonomy | empoderamiento; empoderar; autonomía
participation | c | participation; participate; voice; meaningful participation; consultation; consultations; consult | participación; participar; consulta; consultas; voz
networks | c | network; networks; alliance; alliances; coalition; coalitions; platform of organisations | red; redes; alianza; alianzas; coalición; articulación
meeting | c | conference; meeting; meetings; summit; symposium; regional meeting; gathering | conferencia; encuentro; encuentros; reunión; reuniones; cumbre; simposio
civil_society | c | civil society; civil society organisations; civil society organizations; CSOs; CSO; NGOs; NGO; non-governmental organisations | sociedad civil; organizaciones de la sociedad civil; OSC; ONG; ONGs; organizaciones no gubernamentales
mainstreaming | c | gender mainstreaming; gender perspective; gender lens; gender-responsive; gender-sensitive | transversalización de género; transversalización; enfoque de género; perspectiva de género; sensible al género
lnob | c | leave no one behind; LNOB; intersectional; intersectionality; marginalised groups; marginalized groups; vulnerable groups; excluded groups; most vulnerable | no dejar a nadie atrás; interseccional; interseccionalidad; grupos vulnerables; poblaciones vulnerables; grupos excluidos
complaint | c | complaint; complaints; file a complaint; reporting mechanism; reporting mechanisms | denuncia; denuncias; denunciar; mecanismo de denuncia; mecanismos de denuncia
budget | c | budget; budgets; budgeting; gender-responsive budgeting; gender budgeting; costing; financing; public finance | presupuesto; presupuestos; presupuestos sensibles al género; costeo; financiamiento; financiación; finanzas públicas
undp | c | UNDP | PNUD
unfpa | c | UNFPA | UNFPA
unicef | c | UNICEF | UNICEF
paho | c | PAHO; Pan American Health Organization | OPS; Organización Panamericana de la Salud
ilo | c | ILO; International Labour Organization | OIT; Organización Internacional del Trabajo
unodc | c | UNODC | UNODC
unesco | c | UNESCO | UNESCO
# --- pillar 1: laws and policies ---
law_reform | s | law reform; legal reform; legislative reform; amendment; amendments; amend; legislative amendments; legal harmonisation; legislative harmonisation | reforma legal; reforma legislativa; reformas legales; reforma; reformas; enmienda; enmiendas; armonización legislativa; armonización normativa
harmonisation | s | harmonisation; harmonization; harmonise; harmonize | armonización; armonizar; estandarización; estandarizar
action_plan | s | national action plan; action plan; national plan; NAP | plan de acción nacional; plan nacional; plan de acción; planes de acción
parliament | s | parliament; parliamentarians; parliamentary; MPs; members of parliament; senators; senate; legislature; congress; national assembly; house of representatives | parlamento; parlamentarios; parlamentarias; diputados; diputadas; congreso; asamblea nacional; asamblea legislativa; senado; congresistas
cedaw | s | CEDAW; CEDAW Committee | CEDAW; Comité CEDAW
belem | s | Belem do Para; Belém do Pará Convention; MESECVI | Belém do Pará; Convención de Belém do Pará; MESECVI
sexual_harassment | s | sexual harassment; harassment | acoso sexual; acoso; hostigamiento sexual; hostigamiento
workplace | s | workplace; workplaces; world of work; employment; labour; labor; workers | lugar de trabajo; lugares de trabajo; mundo del trabajo; empleo; laboral; laborales; trabajadores; trabajadoras
c190 | s | C190; ILO Convention 190; Convention 190; Violence and Harassment Convention | Convenio 190; C190; Convenio sobre la violencia y el acoso
child_marriage | s | child marriage; early marriage; early unions; child marriages; forced marriage; child, early and forced marriage; CEFMU | matrimonio infantil; matrimonios infantiles; uniones tempranas; unión temprana; matrimonio infantil y uniones tempranas; MIUT; matrimonio forzado
protection_order | s | protection order; protection orders; restraining order; restraining orders; occupation order | medidas de protección; medida de protección; orden de protección; órdenes de protección; medidas cautelares; orden de alejamiento
womens_machinery | s | national women's machinery; women's bureau; bureau of gender affairs; gender affairs; ministry of women; gender bureau; office of women's affairs; women's affairs | mecanismo nacional de la mujer; mecanismo para el adelanto de la mujer; instituto de la mujer; instituto nacional de las mujeres; secretaría de la mujer; ministerio de la mujer; oficina de la mujer; oficina municipal de la mujer; INAM; INMUJERES
advocacy | s | advocacy; advocate; advocating; lobbying; lobby | incidencia; incidencia política; abogacía; cabildeo
accountability | s | accountability; social accountability; oversight; social audit; watchdog | rendición de cuentas; veeduría; veedurías; control social; auditoría social; contraloría social
femicide | s | femicide; femicides; feminicide; gender-related killings; gender-related killing; killing of women; killings of women | feminicidio; feminicidios; femicidio; femicidios; muertes violentas de mujeres; muerte violenta de mujeres
trafficking | s | trafficking; human trafficking; trafficking in persons; commercial sexual exploitation; sexual exploitation; smuggling | trata; trata de personas; explotación sexual; explotación sexual comercial; tráfico de personas
psea | s | PSEA; sexual exploitation and abuse; protection from sexual exploitation and abuse | PEAS; explotación y abuso sexual; protección contra la explotación y el abuso sexual
online_violence | s | online violence; cyber violence; cyberviolence; technology-facilitated violence; technology-facilitated; online harassment; cyberbullying; cyber bullying; digital violence; online abuse; image-based abuse | violencia digital; violencia en línea; ciberacoso; ciberviolencia; violencia facilitada por la tecnología; acoso en línea; violencia cibernética
life_free_of_violence | s | life free of violence; life free from violence; right to a life free of violence | vida libre de violencia; vida libre de violencias; derecho a una vida libre de violencia
harmful_practices | s | harmful practices; harmful practice | prácticas nocivas; práctica nociva; prácticas dañinas
psychological_violence | s | psychological violence; emotional abuse; emotional violence | violencia psicológica; violencia emocional; maltrato psicológico
economic_violence | s | economic violence; economic abuse; financial abuse; patrimonial violence | violencia económica; violencia patrimonial
political_violence | s | political violence; violence against women in politics; political harassment | violencia política; acoso político; violencia política contra las mujeres
obstetric_violence | s | obstetric violence | violencia obstétrica
child_sexual_abuse | s | child sexual abuse; CSA; sexual abuse of children; child abuse | abuso sexual infantil; abuso sexual de niñas y niños; maltrato infantil
# --- pillar 2: institutions ---
police | s | police; police officers; police officer; policemen; policewomen; constabulary; law enforcement; police force; police service; JCF; TTPS; cops | policía; policías; agentes de policía; policía nacional; fuerzas de seguridad; carabineros; PNC
police_unit | s | specialised police unit; specialized police unit; domestic violence unit; gender desk; family unit; victim support unit; police gender unit; CISOCA; sexual offences unit | unidad especializada; unidades especializadas; comisaría de la mujer; comisarías de la mujer; comisaría de familia; unidad de violencia doméstica; unidad de género; unidad de atención a la víctima
judiciary | s | judges; judge; judiciary; judicial; magistrates; magistrate; court; courts; bench | jueces; juez; juezas; jueza; poder judicial; órgano judicial; magistrados; magistradas; magistrado; tribunal; tribunales; juzgado; juzgados; judicial; judiciales
prosecutors | s | prosecutors; prosecutor; prosecution; prosecutions; public prosecutor; public prosecution; DPP; director of public prosecutions | fiscales; fiscal; fiscalía; fiscalías; ministerio público; fiscalía especializada
specialised_court | s | specialised court; specialized court; specialised courts; specialized courts; gender court; family court; domestic violence court; sexual offences court | juzgado especializado; juzgados especializados; tribunal especializado; tribunales especializados; tribunal de familia; juzgado de familia; juzgado de violencia
clinical_management | s | clinical management of rape; CMR; clinical management; post-rape care | manejo clínico de la violación; manejo clínico; atención clínica de la violación
forensic | s | forensic; forensics; forensic examination; medico-legal; medicolegal; rape kit; rape kits; evidence kit; evidence collection | forense; medicina forense; médico legal; medicina legal; examen forense; peritaje; peritajes; kit de violación; recolección de evidencia
pep | s | PEP; post-exposure prophylaxis; emergency contraception | PEP; profilaxis post exposición; profilaxis posexposición; anticoncepción de emergencia
social_workers | s | social workers; social worker; social work; social services; welfare officers; probation officers | trabajadores sociales; trabajadoras sociales; trabajo social; servicios sociales; trabajadora social
child_protection | s | child protection; child protection agency; children's authority; child protection services; child welfare; CPFSA | protección infantil; protección de la niñez; protección de niñas niños y adolescentes; protección de la infancia; DINAF; PANI; DINAF
teachers | s | teachers; teacher; teaching staff; school staff; school counsellors; guidance counsellors; principals | docentes; docente; maestros; maestras; maestro; profesores; profesoras; educadores; educadoras; orientadores; orientadoras; directores de escuela
schools | s | school; schools; classroom; classrooms; students; pupils; secondary school; secondary schools; primary school; primary schools; high school; high schools; education sector; ministry of education | escuela; escuelas; colegio; colegios; centros educativos; centro educativo; estudiantes; alumnos; alumnas; liceo; liceos; instituto; sector educación; secretaría de educación; ministerio de educación
university | s | university; universities; campus; tertiary; college students | universidad; universidades; universitario; universitaria; universitarios; universitarias
curriculum | s | curriculum; curricula; syllabus; module; modules; lesson plans | currículo; currícula; currículum; malla curricular; módulo; módulos; planes de clase; plan de estudios
cse | s | comprehensive sexuality education; CSE; sexuality education; sex education; health and family life education; HFLE | educación integral en sexualidad; educación sexual integral; educación sexual; EIS; ESI
referral | s | referral; referrals; referral pathway; referral pathways; referral system; referral protocol; referral network; refer | referencia; referencias; ruta de atención; rutas de atención; ruta crítica; sistema de referencia; derivación; derivaciones; referencia y contrarreferencia; derivar
protocol | s | protocol; protocols; standard operating procedures; SOPs; SOP; guidelines; procedures | protocolo; protocolos; procedimientos operativos estándar; POE; lineamientos; directrices; procedimientos
case_management | s | case management; case manager; case managers; case-management | gestión de casos; manejo de casos; gestores de casos; gestoras de casos
training_of_trainers | s | training of trainers; ToT; trainers; master trainers; facilitators | formación de formadores; capacitación de formadores; formadores; formadoras; facilitadores; facilitadoras
course | s | course; courses; certificate course; diploma; online course; e-learning; elearning; postgraduate | curso; cursos; diplomado; diplomados; curso virtual; cursos virtuales; posgrado
survivor_centred | s | survivor-centred; survivor-centered; survivor centred; survivor centered; victim-centred; victim-centered; trauma-informed | centrado en las sobrevivientes; centrado en la víctima; centrada en las sobrevivientes; centrada en la víctima; informado en trauma; enfoque centrado en sobrevivientes
municipality | s | municipality; municipalities; municipal; local government; local authorities; parish council; regional corporation; mayor; mayors | municipio; municipios; municipalidad; municipalidades; alcaldía; alcaldías; gobierno local; gobiernos locales; alcalde; alcaldesa; municipal; municipales
faith | s | religious leaders; faith leaders; faith-based; faith based organisations; church; churches; pastors; clergy; religious | líderes religiosos; religioso; religiosa; religiosos; iglesia; iglesias; pastores; basadas en la fe; organizaciones basadas en la fe
certification | s | accreditation; certification; certify; standards; quality standards | acreditación; certificación; certificar; estándares; estándares de calidad
infrastructure | s | infrastructure; construction; renovation; refurbishment; refurbish; renovate; rehabilitation of premises; building works | infraestructura; construcción; remodelación; acondicionamiento; readecuación; remodelar; obras
equipment | s | equipment; equip; equipping; furniture; vehicles; vehicle; computers; supplies | equipamiento; equipar; equipos; mobiliario; vehículos; vehículo; computadoras; insumos
# --- pillar 3: prevention ---
campaign | s | campaign; campaigns | campaña; campañas
media | s | media; journalists; journalist; press; television; TV; newspaper; newspapers; media outlets | medios; medios de comunicación; periodistas; periodista; prensa; televisión; periódico; periódicos
radio | s | radio; radio drama; radio programme; radio program; radio spots; radio spot; community radio | radio; radionovela; programa radial; cuña radial; cuñas radiales; radio comunitaria; radios comunitarias
social_media | s | social media; facebook; instagram; tiktok; whatsapp; twitter; digital campaign; influencers | redes sociales; facebook; instagram; tiktok; whatsapp; twitter; campaña digital; influencers; influenciadores
mobilisation | s | community mobilisation; community mobilization; mobilisation; mobilization; mobilise; mobilize; SASA | movilización comunitaria; movilización; movilizar; SASA
parenting | s | parenting; positive parenting; parents; caregivers; fathers; mothers; parenting programme | crianza; crianza positiva; padres y madres; madres y padres; padres; madres; cuidadores; cuidadoras; padres de familia
sports | s | sport; sports; football; cricket; netball; basketball; athletes | deporte; deportes; fútbol; deportivo; deportiva; deportivos; atletas
arts | s | theatre; theater; drama; arts; art; music; murals; mural; film; films; documentary; photography | teatro; arte; artes; música; murales; mural; cine; película; documental; fotografía
safe_spaces | s | safe spaces; safe space; women-friendly spaces; women and girls safe spaces; girls' clubs; girls clubs | espacios seguros; espacio seguro; espacios amigables; clubes de niñas
safe_cities | s | safe cities; public spaces; public space; street harassment; public transport; transportation; buses; safe public spaces | ciudades seguras; espacios públicos; espacio público; acoso callejero; transporte público; autobuses; buses
bystander | s | bystander; bystanders; bystander intervention | testigos; intervención de testigos; espectadores
dating_violence | s | dating violence; healthy relationships; teen dating; relationship violence; dating | violencia en el noviazgo; noviazgo; relaciones sanas; relaciones saludables; noviazgos
economic_empowerment | s | economic empowerment; livelihoods; livelihood; income generation; income; entrepreneurship; entrepreneurs; vocational training; cash transfers; financial autonomy; economic autonomy; financial literacy; savings | empoderamiento económico; medios de vida; emprendimiento; emprendimientos; emprendedoras; generación de ingresos; ingresos; autonomía económica; formación profesional; transferencias monetarias; educación financiera; ahorro
life_skills | s | life skills; self-esteem; soft skills; personal development | habilidades para la vida; autoestima; habilidades blandas; desarrollo personal
volunteers | s | volunteers; volunteer; peer educators; peer educator; champions; community facilitators; mentors; mentoring; mentorship; peers | voluntarios; voluntarias; voluntariado; promotoras; promotores; educadores pares; educadoras pares; pares; defensoras comunitarias; mentoras; mentoría; mentores
sixteen_days | s | 16 days of activism; 16 days; sixteen days; orange day; orange the world; international day for the elimination of violence against women; 25 november | 16 días de activismo; 16 días; dieciséis días; día naranja; pinta el mundo de naranja; día internacional de la eliminación de la violencia contra la mujer; 25 de noviembre
womens_day | s | International Women's Day; 8 March; March 8; IWD | Día Internacional de la Mujer; 8 de marzo; Día de la Mujer
digital | s | app; mobile app; mobile application; application; digital platform; online platform; website; web portal; chatbot; SMS | aplicación; app; aplicación móvil; plataforma digital; plataforma en línea; sitio web; página web; portal web; chatbot; SMS
bullying | s | bullying; school violence; school-related gender-based violence; SRGBV | acoso escolar; violencia escolar; matonismo; bullying; violencia de género en la escuela
pregnancy | s | adolescent pregnancy; teenage pregnancy; teen pregnancy; pregnancy; pregnancies; forced child pregnancy | embarazo adolescente; embarazo en adolescentes; embarazo; embarazos; embarazo infantil forzado
masculinities | s | masculinities; positive masculinities; masculinity; new masculinities; men's groups; engaging men | masculinidades; masculinidad; nuevas masculinidades; masculinidades positivas; grupos de hombres; involucramiento de hombres
alcohol | s | alcohol; substance abuse; drugs; drug use | alcohol; consumo de drogas; drogas; sustancias
firearms | s | firearms; guns; small arms; weapons | armas de fuego; armas; armas pequeñas
gangs | s | gangs; gang; gang violence; organised crime; organized crime | pandillas; pandilla; maras; mara; crimen organizado
citizen_security | s | citizen security; public security; crime prevention; violence reduction | seguridad ciudadana; seguridad pública; prevención del delito; reducción de la violencia
care_work | s | care work; unpaid care; care economy; care system; unpaid work | trabajo de cuidados; economía del cuidado; sistema de cuidados; trabajo no remunerado; cuidados no remunerados
# --- groups the programme must not leave behind ---
adolescents | s | adolescents; adolescent; youth; young people; young women; teenagers; teens; teen; youths; young | adolescentes; adolescente; jóvenes; juventud; juventudes; juveniles; juvenil; mujeres jóvenes
rural | s | rural; rural women; rural areas; countryside; farming; farmers; agricultural | rural; rurales; mujeres rurales; campesinas; campesinos; área rural; zonas rurales; agrícola; agricultoras
indigenous | s | indigenous; indigenous peoples; indigenous women; indigenous communities; Maya; Mayan; Q'eqchi; Lenca; Miskito; Wayuu; Kichwa; Quechua; Mam; K'iche | indígena; indígenas; pueblos indígenas; pueblos originarios; mujeres indígenas; maya; mayas; q'eqchi'; lenca; lencas; miskito; misquito; wayuu; kichwa; quechua; mam; k'iche'
afro_descendant | s | afro-descendant; afrodescendant; afro-descendants; people of African descent; black women; Garifuna; Maroon; Maroons | afrodescendiente; afrodescendientes; afro; garífuna; garífunas; garifuna; mujeres negras; cimarrones
disability | s | disability; disabilities; persons with disabilities; people with disabilities; women with disabilities; deaf; blind; sign language; hearing impaired; visually impaired | discapacidad; discapacidades; personas con discapacidad; mujeres con discapacidad; sordas; sordos; ciegas; ciegos; lengua de señas; lenguaje de señas
migrants | s | migrants; migrant; refugees; refugee; asylum seekers; asylum seeker; displaced; Venezuelan; Venezuelans; Haitian; Haitians; human mobility; immigration; cross-border | migrantes; migrante; refugiadas; refugiados; refugiada; solicitantes de asilo; desplazadas; desplazados; venezolanas; venezolanos; haitianas; haitianos; movilidad humana; migración; migratorio; transfronterizo
lgbtiq | s | LGBTIQ; LGBTIQ+; LGBT; LGBTI; LGBTQ; lesbian; lesbians; gay; trans; transgender; queer; sexual diversity; trans women | LGBTIQ; LGBTI; LGBT; lesbianas; lesbiana; gay; trans; personas trans; mujeres trans; diversidad sexual; disidencias
older_women | s | older women; older persons; elderly; older people; elderly women | mujeres mayores; adultas mayores; personas mayores; adultos mayores; tercera edad
sex_workers | s | sex workers; sex worker; sex work | trabajadoras sexuales; trabajadora sexual; trabajo sexual
hiv | s | HIV; AIDS; people living with HIV; women living with HIV | VIH; SIDA; personas con VIH; mujeres con VIH
domestic_workers | s | domestic workers; domestic worker; household workers | trabajadoras domésticas; trabajadoras del hogar; trabajadora doméstica; empleadas domésticas
private_sector | s | private sector; companies; businesses; business; corporate; enterprises; chamber of commerce | sector privado; empresas; empresa; empresarial; empresariales; cámara de comercio
tourism | s | tourism; hotel; hotels; tourist | turismo; turístico; turística; hoteles; hotelería; hotelero
prisons | s | prison; prisons; incarcerated; detention; correctional; correctional services; inmates | cárcel; cárceles; privadas de libertad; privados de libertad; centro penitenciario; centros penitenciarios; penitenciario; reclusas
military | s | defence force; defense force; army; military; soldiers; armed forces | fuerzas armadas; ejército; militares; militar; soldados
community_health_workers | s | community health workers; community health worker; community health promoters | agentes comunitarios de salud; promotores de salud; promotoras de salud; agentes de salud comunitaria
fishing | s | fishing; fisherfolk; fishers; fishing communities | pesca; pescadores; pescadoras; comunidades pesqueras
border | s | border; borders; border areas; border crossing | frontera; fronteras; fronteriza; fronterizo; zonas fronterizas; paso fronterizo
interpreters | s | interpreters; interpreter; interpretation; translation; translators | intérpretes; intérprete; interpretación; traducción; traductores
# --- pillar 4: services ---
shelter | s | shelter; shelters; safe house; safe houses; refuge; refuges; women's refuge; emergency accommodation; transitional housing; halfway house | refugio; refugios; albergue; albergues; casa de acogida; casas de acogida; casa refugio; casas refugio; casa segura; casas seguras; hogar de acogida; vivienda transitoria; casa de medio camino
hotline | s | hotline; hotlines; helpline; helplines; help line; crisis line; call centre; call center; toll-free line; toll-free number; 24-hour line; hot line; emergency line; phone line; telephone line | línea de ayuda; línea telefónica; líneas telefónicas; línea de emergencia; línea gratuita; línea directa; centro de llamadas; línea 24 horas; línea de atención; línea de crisis; call center
baseline | s | baseline; baseline study; baseline survey; endline; end-line | línea de base; línea base; estudio de línea base; línea final; línea de salida
psychosocial | s | psychosocial support; psychosocial; counselling; counseling; counsellors; counselors; psychological support; psychological care; therapy; therapeutic; mental health; MHPSS; psychologists; support groups; support group | apoyo psicosocial; psicosocial; atención psicológica; apoyo psicológico; consejería; terapia; terapéutico; salud mental; acompañamiento psicológico; psicólogas; psicólogos; grupos de apoyo; grupo de apoyo; grupos de autoayuda
legal_aid | s | legal aid; legal assistance; legal advice; legal counsel; legal representation; free legal; lawyers; lawyer; attorneys; attorney; paralegals; paralegal; legal clinic; legal clinics | asistencia legal; asistencia jurídica; asesoría legal; asesoría jurídica; asesoramiento jurídico; patrocinio jurídico; representación legal; abogadas; abogados; abogada; defensoría; defensoría pública; paralegales; consultorio jurídico; clínica jurídica
one_stop_centre | s | one-stop centre; one-stop center; one stop centre; one stop center; one-stop shop; integrated service centre; integrated service center; Ciudad Mujer; comprehensive care centre; comprehensive care center | centro integral; centro de atención integral; centros de atención integral; ciudad mujer; módulo de atención integral; centro de justicia para las mujeres; centros de justicia para las mujeres; ventanilla única
essential_services | s | essential services; essential services package; ESP | servicios esenciales; paquete de servicios esenciales; PSE
emergency | s | emergency; emergencies; crisis; humanitarian; disaster; disasters; hurricane; hurricanes; COVID-19; COVID; pandemic; climate; floods | emergencia; emergencias; crisis; humanitaria; humanitario; desastre; desastres; huracán; huracanes; pandemia; clima; climático; inundaciones
srh | s | sexual and reproductive health; SRH; SRHR; reproductive health; family planning; contraception; sexual and reproductive rights; maternal health | salud sexual y reproductiva; SSR; derechos sexuales y reproductivos; planificación familiar; anticoncepción; anticonceptivos; salud materna
mobile_units | s | mobile unit; mobile units; mobile clinic; mobile clinics; outreach; mobile services; mobile brigades; mobile teams; mobile team | unidad móvil; unidades móviles; clínica móvil; clínicas móviles; brigadas; brigadas móviles; jornadas móviles; equipos móviles; equipo móvil
cash_assistance | s | cash assistance; cash; vouchers; emergency fund; financial assistance; cash grants | asistencia monetaria; efectivo; cupones; bonos; fondo de emergencia; asistencia financiera; transferencias en efectivo
dignity_kits | s | dignity kits; dignity kit; hygiene kits | kits de dignidad; kit de dignidad; kits de higiene
reintegration | s | reintegration; housing; long-term recovery; recovery; rehousing; exit strategy | reintegración; reinserción; vivienda; recuperación; recuperación a largo plazo
perpetrators | s | perpetrator programmes; perpetrator programs; perpetrators; perpetrator; batterer intervention; batterers; abusers; offenders; aggressors; men who use violence; rehabilitation programme | agresores; agresor; programas para agresores; hombres agresores; reeducación; hombres que ejercen violencia; victimarios; ofensores
accompaniment | s | accompaniment; accompany; accompanying; court accompaniment; court support | acompañamiento; acompañar; acompañantes; acompañamiento judicial
investigation | s | investigation; investigations; investigate; investigators; detectives; criminal investigation | investigación criminal; investigación penal; investigación policial; investigadores; investigar; investigaciones penales
# --- pillar 5: data ---
survey | s | survey; surveys; prevalence survey; household survey; DHS; MICS; questionnaire; census; poll | encuesta; encuestas; encuesta de prevalencia; encuesta de hogares; cuestionario; censo; sondeo
prevalence | s | prevalence; incidence | prevalencia; incidencia de la violencia
information_system | s | information system; information systems; database; databases; registry; register; management information system; GBVIMS; data system; data systems; case records; administrative records; single registry | sistema de información; sistemas de información; base de datos; bases de datos; registro; registros; registro único; sistema de registro; sistema de gestión de información; GBVIMS; registros administrativos
observatory | s | observatory; observatories; dashboard; dashboards | observatorio; observatorios; tablero; tableros; tablero de control
statistics_office | s | national statistics office; statistics office; national statistical office; statistical institute; institute of statistics; STATIN; CSO statistics; INE; INEC; bureau of statistics | instituto nacional de estadística; instituto nacional de estadísticas; oficina de estadística; instituto de estadística; INE; INEC; oficina nacional de estadística
indicators | s | indicators; indicator; SDG; SDGs; SDG 5; sustainable development goals; targets | indicadores; indicador; ODS; ODS 5; objetivos de desarrollo sostenible; metas
disaggregation | s | disaggregated; disaggregation; disaggregate | desagregado; desagregados; desagregadas; desagregación; desagregar
knowledge | s | knowledge management; knowledge products; knowledge product; publications; publication; policy brief; briefs; lessons learned; good practices; best practices | gestión del conocimiento; productos de conocimiento; producto de conocimiento; publicación; publicaciones; nota técnica; lecciones aprendidas; buenas prácticas
data_protection | s | data protection; confidentiality; privacy; ethical; ethics; informed consent | protección de datos; confidencialidad; privacidad; ética; éticos; consentimiento informado
mapping | s | mapping; map; maps; inventory; directory; service mapping; mapping of services | mapeo; mapa; mapas; inventario; directorio; mapeo de servicios
# --- pillar 6: women's movement and civil society ---
womens_organisations | s | women's rights organisations; women's rights organizations; women's organisations; women's organizations; women's groups; women's rights groups; feminist organisations; feminist organizations; feminist; feminists; women's movement; women's movements; women-led organisations; women-led organizations; WROs | organizaciones de mujeres; organizaciones de derechos de las mujeres; organizaciones feministas; movimiento de mujeres; movimientos de mujeres; movimiento feminista; feministas; feminista; colectivas; colectivos de mujeres; grupos de mujeres; organizaciones lideradas por mujeres
grants | s | grants; grant; small grants; sub-grants; subgrants; grantees; core funding; institutional funding; flexible funding; funding | subvenciones; subvención; donaciones; fondos; fondo; financiamiento institucional; pequeñas subvenciones; subsidios; financiamiento flexible; fondos semilla
organisational_strengthening | s | institutional strengthening; organisational development; organizational development; organisational capacity; organizational capacity; organisational strengthening; organizational strengthening | fortalecimiento institucional; fortalecimiento organizacional; desarrollo organizacional; capacidades organizativas; capacidades organizacionales
defenders | s | women human rights defenders; human rights defenders; WHRDs; WHRD; defenders; activists; activist | defensoras de derechos humanos; defensores de derechos humanos; defensoras; activistas; activista
political_participation | s | women's leadership; political participation; women in politics; decision-making; women candidates; women's political leadership | liderazgo de las mujeres; liderazgo de mujeres; participación política; mujeres en política; toma de decisiones; candidatas; liderazgo político
reference_group | s | civil society reference group; CSRG; reference group; national reference group; civil society national reference group | grupo de referencia de la sociedad civil; grupo de referencia; GRSC; grupo nacional de referencia
self_care | s | self-care; self care; wellbeing; well-being; collective care; burnout; healing | autocuidado; cuidado colectivo; bienestar; sanación
exchange | s | exchange; exchanges; south-south; peer learning; learning exchange; study tour; experience sharing; exchange of experiences | intercambio; intercambios; sur-sur; aprendizaje entre pares; intercambio de experiencias; gira de estudio; pasantía; pasantías
youth_led | s | youth-led; youth led; youth organisations; youth organizations; youth groups; youth networks | lideradas por jóvenes; organizaciones juveniles; grupos juveniles; redes juveniles; colectivos juveniles
"""
