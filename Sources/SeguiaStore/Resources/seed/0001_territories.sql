-- Territories of the cooperation between Occitanie, Morocco and Palestine.
-- One statement per level so that each level finds its parent. Upserts on the code:
-- loading this file again only brings rows back to what it says.

INSERT INTO territories (code, kind, iso_code, official_identifier, name_fr, name_en, name_ar)
VALUES
    ('FR', 'country', 'FR', 'M49:250', 'France', 'France', 'فرنسا'),
    ('MA', 'country', 'MA', 'M49:504', 'Maroc', 'Morocco', 'المغرب'),
    ('PS', 'country', 'PS', 'M49:275', 'Palestine', 'Palestine', 'فلسطين')
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, iso_code = EXCLUDED.iso_code, official_identifier = EXCLUDED.official_identifier,
    name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar, updated_at = now()
WHERE (territories.kind, territories.iso_code, territories.official_identifier, territories.name_fr, territories.name_en, territories.name_ar)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.iso_code, EXCLUDED.official_identifier, EXCLUDED.name_fr, EXCLUDED.name_en, EXCLUDED.name_ar);

INSERT INTO territories (code, kind, parent_id, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
SELECT v.code, v.kind, parent.territory_id, v.iso_code, v.official_identifier, v.name_fr, v.name_en, v.name_ar, v.valid_from::date
FROM (VALUES
    ('FR-OCC', 'region', 'FR', 'FR-OCC', 'INSEE:76', 'Occitanie', 'Occitania', 'أوكسيتانيا', '2016-01-01'),
    ('MA-02', 'region', 'MA', 'MA-02', NULL, 'L''Oriental', 'Oriental', 'جهة الشرق', NULL),
    ('MA-03', 'region', 'MA', 'MA-03', NULL, 'Fès-Meknès', 'Fez-Meknes', 'جهة فاس مكناس', NULL),
    ('MA-06', 'region', 'MA', 'MA-06', NULL, 'Casablanca-Settat', 'Casablanca-Settat', 'جهة الدار البيضاء سطات', NULL),
    ('MA-09', 'region', 'MA', 'MA-09', NULL, 'Souss-Massa', 'Souss-Massa', 'جهة سوس ماسة', NULL),
    ('PS-TBS', 'governorate', 'PS', 'PS-TBS', NULL, 'Gouvernorat de Tubas', 'Tubas Governorate', 'محافظة طوباس', NULL)
) AS v (code, kind, parent_code, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
JOIN territories parent ON parent.code = v.parent_code
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, iso_code = EXCLUDED.iso_code,
    official_identifier = EXCLUDED.official_identifier, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en,
    name_ar = EXCLUDED.name_ar, valid_from = EXCLUDED.valid_from, updated_at = now()
WHERE (territories.kind, territories.parent_id, territories.iso_code, territories.official_identifier, territories.name_fr,
       territories.name_en, territories.name_ar, territories.valid_from)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.iso_code, EXCLUDED.official_identifier, EXCLUDED.name_fr,
       EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.valid_from);

INSERT INTO territories (code, kind, parent_id, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
SELECT v.code, v.kind, parent.territory_id, v.iso_code, v.official_identifier, v.name_fr, v.name_en, v.name_ar, v.valid_from::date
FROM (VALUES
    ('FR-11', 'departement', 'FR-OCC', 'FR-11', 'INSEE:11', 'Aude', 'Aude', NULL, NULL),
    ('FR-31', 'departement', 'FR-OCC', 'FR-31', 'INSEE:31', 'Haute-Garonne', 'Haute-Garonne', NULL, NULL),
    ('FR-34', 'departement', 'FR-OCC', 'FR-34', 'INSEE:34', 'Hérault', 'Hérault', NULL, NULL),
    ('MA-TAR', 'province', 'MA-09', 'MA-TAR', NULL, 'Province de Taroudant', 'Taroudant Province', 'إقليم تارودانت', NULL)
) AS v (code, kind, parent_code, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
JOIN territories parent ON parent.code = v.parent_code
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, iso_code = EXCLUDED.iso_code,
    official_identifier = EXCLUDED.official_identifier, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en,
    name_ar = EXCLUDED.name_ar, valid_from = EXCLUDED.valid_from, updated_at = now()
WHERE (territories.kind, territories.parent_id, territories.iso_code, territories.official_identifier, territories.name_fr,
       territories.name_en, territories.name_ar, territories.valid_from)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.iso_code, EXCLUDED.official_identifier, EXCLUDED.name_fr,
       EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.valid_from);

-- Territories without an ISO 3166 code: parent code + segment.
INSERT INTO territories (code, kind, parent_id, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
SELECT v.code, v.kind, parent.territory_id, NULL, v.official_identifier, v.name_fr, v.name_en, v.name_ar, v.valid_from::date
FROM (VALUES
    ('FR-34-MMM', 'metropole', 'FR-34', 'SIREN:243400017', 'Montpellier Méditerranée Métropole', 'Montpellier Mediterranean Metropolis', NULL, '2015-01-01'),
    ('FR-31-COLOMIERS', 'commune', 'FR-31', 'INSEE:31149', 'Colomiers', 'Colomiers', NULL, NULL),
    ('MA-TAR-ARGHEN', 'intercommunality', 'MA-TAR', NULL, 'Intercommunalité de la vallée de l''Arghen', 'Arghen Valley intercommunality', NULL, NULL)
) AS v (code, kind, parent_code, official_identifier, name_fr, name_en, name_ar, valid_from)
JOIN territories parent ON parent.code = v.parent_code
ON CONFLICT (code) DO UPDATE SET
    kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, iso_code = EXCLUDED.iso_code,
    official_identifier = EXCLUDED.official_identifier, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en,
    name_ar = EXCLUDED.name_ar, valid_from = EXCLUDED.valid_from, updated_at = now()
WHERE (territories.kind, territories.parent_id, territories.iso_code, territories.official_identifier, territories.name_fr,
       territories.name_en, territories.name_ar, territories.valid_from)
    IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.iso_code, EXCLUDED.official_identifier, EXCLUDED.name_fr,
       EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.valid_from);
