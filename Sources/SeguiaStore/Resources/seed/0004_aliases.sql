-- Other names under which documents mention territories and organisations.
UPDATE territories t SET aliases = v.aliases
FROM (VALUES
    ('PS', ARRAY['Palestine', 'State of Palestine']),
    ('MA', ARRAY['Maroc', 'Morocco']),
    ('FR-OCC', ARRAY['Occitanie', 'Occitanie/Pyrénées-Méditerranée', 'Région Occitanie']),
    ('FR-11', ARRAY['Aude']),
    ('FR-34-MMM', ARRAY['Métropole de Montpellier', 'Montpellier Méditerranée Métropole']),
    ('FR-31-COLOMIERS', ARRAY['Colomiers']),
    ('MA-02', ARRAY['Oriental', 'l''Oriental', 'Région de l''Oriental']),
    ('MA-03', ARRAY['Fès-Meknès', 'Fès Meknès', 'Fez-Meknes']),
    ('MA-06', ARRAY['Casablanca-Settat', 'Casablanca Settat']),
    ('MA-09', ARRAY['Souss-Massa', 'Souss Massa']),
    ('MA-TAR', ARRAY['Taroudant']),
    ('MA-TAR-ARGHEN', ARRAY['Arghen', 'vallée de l''Arghen', 'Arghen valley']),
    ('PS-TBS', ARRAY['Tubas', 'Gouvernorat de Tubas']),
    -- The names under which the indicator sources list these areas.
    ('PS-WESTBANK', ARRAY['West Bank, State of Palestine', 'Cisjordanie']),
    ('PS-GAZA', ARRAY['Gaza Strip, State of Palestine', 'Gaza']),
    ('MA-03-RADEEF', ARRAY['Fes (RADEEF service area), Fes-Meknes region, Morocco', 'RADEEF']),
    ('MA-03-RADEEM', ARRAY['Meknes (RADEEM), Fes-Meknes region, Morocco', 'RADEEM']),
    ('MA-03-RADEETA', ARRAY['Taza (RADEETA), Fes-Meknes region, Morocco', 'RADEETA']),
    ('MA-02-RADEEO', ARRAY['Oujda (RADEEO), Oriental region, Morocco', 'RADEEO']),
    ('MA-02-RADEEN', ARRAY['Nador (RADEEN), Oriental region, Morocco', 'RADEEN']),
    ('MA-06-RADEEC', ARRAY['Settat (RADEEC), Casablanca-Settat region, Morocco', 'RADEEC']),
    ('MA-06-RADEEJ', ARRAY['El Jadida (RADEEJ), Casablanca-Settat region, Morocco', 'RADEEJ']),
    ('MA-06-LYDEC', ARRAY['Casablanca (Lydec concession), Casablanca-Settat region, Morocco', 'Lydec'])
) AS v (code, aliases)
WHERE t.code = v.code AND t.aliases IS DISTINCT FROM v.aliases;

UPDATE organisations o SET aliases = v.aliases
FROM (VALUES
    ('OCCITANIE-COOPERATION', ARRAY['Occitanie coopération', 'RRMA']),
    ('EXPERTS-SOLIDAIRES', ARRAY['Experts-Solidaires', 'Experts solidaires']),
    ('REGION-OCCITANIE', ARRAY['Région Occitanie', 'Région Occitanie/Pyrénées-Méditerranée']),
    ('DEPARTEMENT-AUDE', ARRAY['Département de l''Aude', 'Conseil départemental de l''Aude']),
    ('MONTPELLIER-METROPOLE', ARRAY['Montpellier Méditerranée Métropole', 'Métropole de Montpellier']),
    ('COLOMIERS', ARRAY['Commune de Colomiers']),
    ('PS-EAU', ARRAY['pS-Eau', 'Programme Solidarité Eau']),
    ('CARI', ARRAY['CARI']),
    ('AFD', ARRAY['AFD', 'Agence française de développement']),
    ('MEAE', ARRAY['ministère de l''Europe et des Affaires étrangères', 'MEAE']),
    ('CITES-UNIES-FRANCE', ARRAY['Cités Unies France', 'CUF'])
) AS v (code, aliases)
WHERE o.code = v.code AND o.aliases IS DISTINCT FROM v.aliases;
