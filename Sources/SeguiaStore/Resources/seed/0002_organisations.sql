-- Actors named in the capitalisation sheet « Clé en Méditerranée » (Occitanie coopération),
-- with their partners in Morocco and Palestine. Upserts on the code.
INSERT INTO organisations (code, kind, name_fr, name_en, name_ar, acronym, home_territory_id)
SELECT v.code, v.kind, v.name_fr, v.name_en, v.name_ar, v.acronym, home.territory_id
FROM (VALUES
    ('OCCITANIE-COOPERATION', 'network', 'Occitanie coopération (réseau régional multi-acteurs)', 'Occitanie coopération (regional multi-stakeholder network)', NULL, 'RRMA', 'FR-OCC'),
    ('EXPERTS-SOLIDAIRES', 'ngo', 'Experts-Solidaires', 'Experts-Solidaires', NULL, NULL, 'FR-OCC'),
    ('REGION-OCCITANIE', 'local_authority', 'Région Occitanie / Pyrénées-Méditerranée', 'Occitanie Region', NULL, NULL, 'FR-OCC'),
    ('DEPARTEMENT-AUDE', 'local_authority', 'Conseil départemental de l''Aude', 'Aude Departmental Council', NULL, NULL, 'FR-11'),
    ('MONTPELLIER-METROPOLE', 'local_authority', 'Montpellier Méditerranée Métropole', 'Montpellier Mediterranean Metropolis', NULL, '3M', 'FR-34-MMM'),
    ('COLOMIERS', 'local_authority', 'Commune de Colomiers', 'Municipality of Colomiers', NULL, NULL, 'FR-31-COLOMIERS'),
    ('PS-EAU', 'network', 'Programme Solidarité Eau', 'Programme Solidarité Eau', NULL, 'pS-Eau', 'FR'),
    ('CARI', 'ngo', 'Centre d''actions et de réalisations internationales', 'Centre d''actions et de réalisations internationales', NULL, 'CARI', 'FR-OCC'),
    ('AFD', 'funder', 'Agence française de développement', 'French Development Agency', 'الوكالة الفرنسية للتنمية', 'AFD', 'FR'),
    ('MEAE', 'state', 'Ministère de l''Europe et des Affaires étrangères', 'French Ministry for Europe and Foreign Affairs', NULL, 'MEAE', 'FR'),
    ('CITES-UNIES-FRANCE', 'network', 'Cités Unies France', 'Cités Unies France', NULL, 'CUF', 'FR'),
    ('REGION-ORIENTAL', 'local_authority', 'Région de l''Oriental', 'Oriental Region', 'جهة الشرق', NULL, 'MA-02'),
    ('REGION-FES-MEKNES', 'local_authority', 'Région Fès-Meknès', 'Fez-Meknes Region', 'جهة فاس مكناس', NULL, 'MA-03'),
    ('REGION-CASABLANCA-SETTAT', 'local_authority', 'Région Casablanca-Settat', 'Casablanca-Settat Region', 'جهة الدار البيضاء سطات', NULL, 'MA-06'),
    ('ARGHEN-INTERCOMMUNALITE', 'local_authority', 'Intercommunalité de la vallée de l''Arghen', 'Arghen Valley intercommunality', NULL, NULL, 'MA-TAR-ARGHEN'),
    ('GOUVERNORAT-TUBAS', 'state', 'Gouvernorat de Tubas', 'Tubas Governorate', 'محافظة طوباس', NULL, 'PS-TBS')
) AS v (code, kind, name_fr, name_en, name_ar, acronym, home_code)
JOIN territories home ON home.code = v.home_code
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar,
    acronym = EXCLUDED.acronym, home_territory_id = EXCLUDED.home_territory_id, updated_at = now()
WHERE (organisations.kind, organisations.name_fr, organisations.name_en, organisations.name_ar, organisations.acronym,
       organisations.home_territory_id)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name_fr, EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.acronym,
       EXCLUDED.home_territory_id);
