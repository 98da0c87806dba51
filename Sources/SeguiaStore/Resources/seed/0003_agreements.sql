-- Cooperation agreements named in the capitalisation sheet « Clé en Méditerranée ».
-- Periods are given only where the sheet states them (years only, hence period_precision 'year').
INSERT INTO agreements (code, title_fr, title_en, starts_on, ends_on, period_precision, source, note)
VALUES
    ('OCCITANIE-TUBAS-CADRE', 'Accord-cadre de coopération bilatérale Région Occitanie – Gouvernorat de Tubas',
        'Bilateral cooperation framework agreement Occitanie Region – Tubas Governorate', '2012-01-01', NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération', 'En vigueur depuis 2012.'),
    ('OCCITANIE-TUBAS-2019-2022', 'Accord de coopération Région Occitanie – Gouvernorat de Tubas 2019-2022',
        'Cooperation agreement Occitanie Region – Tubas Governorate 2019-2022', '2019-01-01', '2022-12-31', 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération', 'Dernier accord en date selon la fiche.'),
    ('OCCITANIE-ORIENTAL', 'Accord de coopération Région Occitanie – Région de l''Oriental',
        'Cooperation agreement Occitanie Region – Oriental Region', NULL, NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération', 'Période non précisée par la source.'),
    ('OCCITANIE-FES-MEKNES', 'Accord de coopération Région Occitanie – Région Fès-Meknès',
        'Cooperation agreement Occitanie Region – Fez-Meknes Region', NULL, NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération', 'Période non précisée par la source.'),
    ('OCCITANIE-CASABLANCA-SETTAT', 'Accord de coopération Région Occitanie – Région Casablanca-Settat',
        'Cooperation agreement Occitanie Region – Casablanca-Settat Region', NULL, NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération', 'Période non précisée par la source.'),
    ('MONTPELLIER-ARGHEN', 'Coopération décentralisée Montpellier Méditerranée Métropole – intercommunalité de la vallée de l''Arghen',
        'Decentralised cooperation Montpellier Mediterranean Metropolis – Arghen Valley intercommunality', NULL, NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération',
        'Gestion de l''eau à l''échelle de l''intercommunalité ; période non précisée par la source.'),
    ('AUDE-PALESTINE', 'Coopération du Département de l''Aude en Palestine',
        'Aude Department cooperation in Palestine', NULL, NULL, 'year',
        'Fiche de capitalisation « Clé en Méditerranée », Occitanie coopération',
        'Partenaire palestinien non nommé par la source ; période non précisée.')
ON CONFLICT (code) DO UPDATE SET
    title_fr = EXCLUDED.title_fr, title_en = EXCLUDED.title_en, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
    period_precision = EXCLUDED.period_precision, source = EXCLUDED.source, note = EXCLUDED.note, updated_at = now()
WHERE (agreements.title_fr, agreements.title_en, agreements.starts_on, agreements.ends_on, agreements.period_precision,
       agreements.source, agreements.note)
    IS DISTINCT FROM (EXCLUDED.title_fr, EXCLUDED.title_en, EXCLUDED.starts_on, EXCLUDED.ends_on, EXCLUDED.period_precision,
       EXCLUDED.source, EXCLUDED.note);

-- Parties are replaced as a whole for the seeded agreements, so a party removed here is removed there.
DELETE FROM agreement_parties
WHERE agreement_id IN (SELECT agreement_id FROM agreements WHERE code IN (
    'OCCITANIE-TUBAS-CADRE', 'OCCITANIE-TUBAS-2019-2022', 'OCCITANIE-ORIENTAL', 'OCCITANIE-FES-MEKNES',
    'OCCITANIE-CASABLANCA-SETTAT', 'MONTPELLIER-ARGHEN', 'AUDE-PALESTINE'));

INSERT INTO agreement_parties (agreement_id, party_position, organisation_id, territory_id, party_role)
SELECT a.agreement_id, v.party_position, o.organisation_id, t.territory_id, v.party_role
FROM (VALUES
    ('OCCITANIE-TUBAS-CADRE', 1, 'REGION-OCCITANIE', NULL, NULL),
    ('OCCITANIE-TUBAS-CADRE', 2, NULL, 'PS-TBS', 'gouvernorat partenaire'),
    ('OCCITANIE-TUBAS-2019-2022', 1, 'REGION-OCCITANIE', NULL, NULL),
    ('OCCITANIE-TUBAS-2019-2022', 2, NULL, 'PS-TBS', 'gouvernorat partenaire'),
    ('OCCITANIE-ORIENTAL', 1, 'REGION-OCCITANIE', NULL, NULL),
    ('OCCITANIE-ORIENTAL', 2, 'REGION-ORIENTAL', NULL, NULL),
    ('OCCITANIE-FES-MEKNES', 1, 'REGION-OCCITANIE', NULL, NULL),
    ('OCCITANIE-FES-MEKNES', 2, 'REGION-FES-MEKNES', NULL, NULL),
    ('OCCITANIE-CASABLANCA-SETTAT', 1, 'REGION-OCCITANIE', NULL, NULL),
    ('OCCITANIE-CASABLANCA-SETTAT', 2, 'REGION-CASABLANCA-SETTAT', NULL, NULL),
    ('MONTPELLIER-ARGHEN', 1, 'MONTPELLIER-METROPOLE', NULL, NULL),
    ('MONTPELLIER-ARGHEN', 2, 'ARGHEN-INTERCOMMUNALITE', NULL, NULL),
    ('MONTPELLIER-ARGHEN', 3, 'EXPERTS-SOLIDAIRES', NULL, 'accompagnement technique'),
    ('AUDE-PALESTINE', 1, 'DEPARTEMENT-AUDE', NULL, NULL),
    ('AUDE-PALESTINE', 2, NULL, 'PS', NULL)
) AS v (agreement_code, party_position, organisation_code, territory_code, party_role)
JOIN agreements a ON a.code = v.agreement_code
LEFT JOIN organisations o ON o.code = v.organisation_code
LEFT JOIN territories t ON t.code = v.territory_code;
