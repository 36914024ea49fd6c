"""A realistic public directory for each demo programme: a handful of providers per community,
across the Essential Services sectors, with confidential shelters and some stale records.

Providers and numbers are invented (numbers use the 555 range); hotlines imitate real ones.
"""

from datetime import time

# Per programme: hotlines (name_en, name_es, number, note_en, note_es) and extra languages.
HOTLINES = {
    "JM": [
        ("Police emergency", "Emergencia policial", "119", "24 hours, free", "24 horas, gratis"),
        (
            "Woman Inc. crisis line",
            "Línea de crisis de Woman Inc.",
            "876-555-0111",
            "24 hours",
            "24 horas",
        ),
    ],
    "HN": [
        ("Emergency", "Emergencias", "911", "24 hours, free", "24 horas, gratis"),
        ("Women's line", "Línea de la Mujer", "114", "24 hours, free", "24 horas, gratis"),
    ],
    "BZ": [
        ("Police emergency", "Emergencia policial", "911", "24 hours, free", "24 horas, gratis"),
        (
            "Domestic violence hotline",
            "Línea contra la violencia doméstica",
            "501-555-0123",
            "24 hours",
            "24 horas",
        ),
    ],
    "TT": [
        ("Police emergency", "Emergencia policial", "999", "24 hours, free", "24 horas, gratis"),
        (
            "Domestic violence hotline",
            "Línea contra la violencia doméstica",
            "800-7283",
            "24 hours, free",
            "24 horas, gratis",
        ),
    ],
}

WEEKDAYS = "MO,TU,WE,TH,FR"
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"

# Kinds of provider found in each community: (key, terms, name_en, name_es, description_en,
# description_es, schedule (days, opens, closes) or None for 24/7, confidential, fees_en, fees_es)
KINDS = [
    (
        "police",
        ["justice.police", "justice.protection-orders"],
        "{place} Police Gender-Based Violence Unit",
        "Unidad de Violencia de Género de la Policía de {place}",
        "Report violence, ask for protection and get help with a protection order. Officers trained to support survivors.",
        "Denuncie la violencia, pida protección y reciba ayuda con una orden de protección. Agentes formados para apoyar a sobrevivientes.",
        None,
        False,
        "Free",
        "Gratuito",
    ),
    (
        "hospital",
        ["health.urgent-care", "health.sexual-assault", "health.documentation"],
        "{place} Hospital: emergency and sexual assault care",
        "Hospital de {place}: emergencias y atención tras agresión sexual",
        "Urgent medical care, emergency contraception and HIV prophylaxis within 72 hours, and medico-legal documentation.",
        "Atención médica urgente, anticoncepción de emergencia y profilaxis del VIH en 72 horas, y documentación médico-legal.",
        None,
        False,
        "Free for survivors of violence",
        "Gratuito para sobrevivientes de violencia",
    ),
    (
        "legal",
        ["justice.legal-aid", "justice.prosecution"],
        "{place} Legal Aid Clinic for Women",
        "Clínica de Asistencia Legal para Mujeres de {place}",
        "Free legal advice and representation from a woman lawyer: protection orders, custody, maintenance and court support.",
        "Asesoría y representación legal gratuita con una abogada: órdenes de protección, custodia, pensión alimenticia y acompañamiento en el juicio.",
        (WEEKDAYS, time(8, 30), time(16, 30)),
        False,
        "Free",
        "Gratuito",
    ),
    (
        "counselling",
        ["social.psychosocial", "social.crisis-counselling", "health.mental"],
        "{place} Women's Counselling Centre",
        "Centro de Consejería para Mujeres de {place}",
        "Crisis counselling and longer-term psychosocial support with a trained counsellor, individually or in groups.",
        "Consejería en crisis y apoyo psicosocial a largo plazo con una consejera formada, individual o en grupo.",
        (WEEKDAYS, time(9, 0), time(17, 0)),
        False,
        "Free",
        "Gratuito",
    ),
    (
        "shelter",
        ["social.shelter", "social.children", "social.material-aid"],
        "{place} Safe House",
        "Casa Segura de {place}",
        "Safe accommodation for women and their children, with meals, counselling and help to plan next steps.",
        "Alojamiento seguro para mujeres y sus hijas e hijos, con comidas, consejería y ayuda para planificar los próximos pasos.",
        None,
        True,
        "Free",
        "Gratuito",
    ),
    (
        "economic",
        ["social.economic", "social.documents"],
        "{place} Women's Economic Empowerment Programme",
        "Programa de Autonomía Económica de las Mujeres de {place}",
        "Training, job placement and small grants for survivors, and help to replace identity documents.",
        "Formación, inserción laboral y pequeños apoyos económicos para sobrevivientes, y ayuda para reponer documentos de identidad.",
        ("MO,WE,FR", time(9, 0), time(13, 0)),
        False,
        "Free",
        "Gratuito",
    ),
    (
        "referral",
        ["coordination.referral", "health.first-line"],
        "{place} Survivor Referral Desk",
        "Mesa de Derivación para Sobrevivientes de {place}",
        "One place to start: a case worker listens, explains the options and refers you to the services you choose.",
        "Un solo lugar para empezar: una trabajadora social escucha, explica las opciones y le deriva a los servicios que usted elija.",
        (WEEKDAYS, time(8, 0), time(16, 0)),
        False,
        "Free",
        "Gratuito",
    ),
]

# Kinds present in each community: the first community of a programme has them all.
KINDS_BY_RANK = [
    ["police", "hospital", "legal", "counselling", "shelter", "economic", "referral"],
    ["police", "hospital", "counselling", "shelter", "referral"],
    ["police", "legal", "counselling", "economic"],
    ["police", "hospital", "referral"],
    ["police", "counselling"],
]

LANGUAGES = {
    "JM": [("en", "English"), ("jam", "Jamaican Patois")],
    "HN": [("es", "Español"), ("cab", "Garífuna"), ("miq", "Miskito")],
    "BZ": [("en", "English"), ("es", "Español"), ("cab", "Garifuna")],
    "TT": [("en", "English"), ("es", "Español")],
}
