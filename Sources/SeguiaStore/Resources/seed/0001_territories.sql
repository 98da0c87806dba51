-- Territories of the cooperation between Occitanie, Morocco and Palestine.
-- Rows are listed once, then upserted on the code level by level so that each row finds its
-- parent: loading this file again only brings rows back to what it says.

CREATE TEMPORARY TABLE seed_territories (
    code text, kind text, parent_code text, iso_code text, official_identifier text,
    name_fr text, name_en text, name_ar text, valid_from date
) ON COMMIT DROP;

INSERT INTO seed_territories (code, kind, parent_code, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
VALUES
    ('FR', 'country', NULL, 'FR', 'M49:250', 'France', 'France', 'فرنسا', NULL),
    ('MA', 'country', NULL, 'MA', 'M49:504', 'Maroc', 'Morocco', 'المغرب', NULL),
    ('PS', 'country', NULL, 'PS', 'M49:275', 'Palestine', 'Palestine', 'فلسطين', NULL),
    ('FR-OCC', 'region', 'FR', 'FR-OCC', 'INSEE:76', 'Occitanie', 'Occitania', 'أوكسيتانيا', '2016-01-01'),
    ('FR-11', 'departement', 'FR-OCC', 'FR-11', 'INSEE:11', 'Aude', 'Aude', NULL, NULL),
    ('FR-31', 'departement', 'FR-OCC', 'FR-31', 'INSEE:31', 'Haute-Garonne', 'Haute-Garonne', NULL, NULL),
    ('FR-34', 'departement', 'FR-OCC', 'FR-34', 'INSEE:34', 'Hérault', 'Hérault', NULL, NULL),
    -- Without an ISO 3166 code: parent code + segment (README, "Territory codes").
    ('FR-34-MMM', 'metropole', 'FR-34', NULL, 'SIREN:243400017', 'Montpellier Méditerranée Métropole',
        'Montpellier Mediterranean Metropolis', NULL, '2015-01-01'),
    ('FR-31-COLOMIERS', 'commune', 'FR-31', NULL, 'INSEE:31149', 'Colomiers', 'Colomiers', NULL, NULL),
    ('MA-02', 'region', 'MA', 'MA-02', NULL, 'L''Oriental', 'Oriental', 'جهة الشرق', NULL),
    ('MA-03', 'region', 'MA', 'MA-03', NULL, 'Fès-Meknès', 'Fez-Meknes', 'جهة فاس مكناس', NULL),
    ('MA-06', 'region', 'MA', 'MA-06', NULL, 'Casablanca-Settat', 'Casablanca-Settat', 'جهة الدار البيضاء سطات', NULL),
    ('MA-09', 'region', 'MA', 'MA-09', NULL, 'Souss-Massa', 'Souss-Massa', 'جهة سوس ماسة', NULL),
    ('MA-TAR', 'province', 'MA-09', 'MA-TAR', NULL, 'Province de Taroudant', 'Taroudant Province', 'إقليم تارودانت', NULL),
    ('MA-TAR-ARGHEN', 'intercommunality', 'MA-TAR', NULL, NULL, 'Intercommunalité de la vallée de l''Arghen',
        'Arghen Valley intercommunality', NULL, NULL),
    ('PS-TBS', 'governorate', 'PS', 'PS-TBS', NULL, 'Gouvernorat de Tubas', 'Tubas Governorate', 'محافظة طوباس', NULL),
    ('PS-WESTBANK', 'area', 'PS', NULL, NULL, 'Cisjordanie', 'West Bank', 'الضفة الغربية', NULL),
    ('PS-GAZA', 'area', 'PS', NULL, NULL, 'Bande de Gaza', 'Gaza Strip', 'قطاع غزة', NULL),
    -- Service areas of Moroccan water utilities (régies autonomes and the Casablanca concession).
    ('MA-03-RADEEF', 'service_area', 'MA-03', NULL, NULL, 'Fès (zone desservie par la RADEEF)', 'Fez (RADEEF service area)', NULL, NULL),
    ('MA-03-RADEEM', 'service_area', 'MA-03', NULL, NULL, 'Meknès (zone desservie par la RADEEM)', 'Meknes (RADEEM service area)', NULL, NULL),
    ('MA-03-RADEETA', 'service_area', 'MA-03', NULL, NULL, 'Taza (zone desservie par la RADEETA)', 'Taza (RADEETA service area)', NULL, NULL),
    ('MA-02-RADEEO', 'service_area', 'MA-02', NULL, NULL, 'Oujda (zone desservie par la RADEEO)', 'Oujda (RADEEO service area)', NULL, NULL),
    ('MA-02-RADEEN', 'service_area', 'MA-02', NULL, NULL, 'Nador (zone desservie par la RADEEN)', 'Nador (RADEEN service area)', NULL, NULL),
    ('MA-06-RADEEC', 'service_area', 'MA-06', NULL, NULL, 'Settat (zone desservie par la RADEEC)', 'Settat (RADEEC service area)', NULL, NULL),
    ('MA-06-RADEEJ', 'service_area', 'MA-06', NULL, NULL, 'El Jadida (zone desservie par la RADEEJ)', 'El Jadida (RADEEJ service area)', NULL, NULL),
    ('MA-06-LYDEC', 'service_area', 'MA-06', NULL, NULL, 'Casablanca (concession Lydec)', 'Casablanca (Lydec concession)', NULL, NULL);

-- One pass per level of the hierarchy (country to commune: at most five).
DO $$
BEGIN
    FOR pass IN 1..5 LOOP
        INSERT INTO territories (code, kind, parent_id, iso_code, official_identifier, name_fr, name_en, name_ar, valid_from)
        SELECT v.code, v.kind, parent.territory_id, v.iso_code, v.official_identifier, v.name_fr, v.name_en, v.name_ar, v.valid_from
        FROM seed_territories v
        LEFT JOIN territories parent ON parent.code = v.parent_code
        WHERE (v.parent_code IS NULL OR parent.territory_id IS NOT NULL)
        ON CONFLICT (code) DO UPDATE SET
            kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, iso_code = EXCLUDED.iso_code,
            official_identifier = EXCLUDED.official_identifier, name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en,
            name_ar = EXCLUDED.name_ar, valid_from = EXCLUDED.valid_from, updated_at = now()
        WHERE (territories.kind, territories.parent_id, territories.iso_code, territories.official_identifier,
               territories.name_fr, territories.name_en, territories.name_ar, territories.valid_from)
            IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.iso_code, EXCLUDED.official_identifier,
               EXCLUDED.name_fr, EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.valid_from);
    END LOOP;
END
$$;
