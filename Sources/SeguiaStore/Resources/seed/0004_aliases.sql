-- Other names under which documents mention territories and organisations.
UPDATE territories t SET aliases = v.aliases
FROM (VALUES
    ('PS', ARRAY['Palestine', 'Cisjordanie', 'West Bank', 'State of Palestine']),
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
    ('PS-TBS', ARRAY['Tubas', 'Gouvernorat de Tubas'])
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
