-- The model capitalisation sheet « Clé en Méditerranée » as a published practice, written in
-- the project's own words from the sheet (quotes are the sheet's own). The sheet gives a
-- duration (two years) but no dates, so the period is left empty.
-- Loaded only if no practice has this slug yet: edits made since are never overwritten.
DO $$
DECLARE
    new_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM practices WHERE slug = 'cle-en-mediterranee') THEN
        RETURN;
    END IF;

    INSERT INTO practices (slug, title, summary, language, organisation_id, status, confidentiality, source, created_by, updated_by)
    SELECT 'cle-en-mediterranee',
        'Clé en Méditerranée : un « Clé en main » multi-pays sur la gestion durable de l''eau (Palestine, Maroc, France)',
        'Partant des coopérations que quatre collectivités d''Occitanie menaient chacune de leur côté, le réseau régional '
        || 'multi-acteurs Occitanie coopération, en binôme avec l''ONG Experts-Solidaires, a réuni des territoires d''Occitanie, '
        || 'du Maroc et de Palestine autour d''un projet commun sur la gestion durable de l''eau, financé par le dispositif '
        || 'Clé en main du ministère de l''Europe et des Affaires étrangères.',
        'fr', o.organisation_id, 'published', 'public',
        'Fiche de capitalisation « Un modèle de Clé en main multi-pays – le Clé en Méditerranée : Palestine, Maroc, France », '
        || 'Occitanie coopération (RRMA)',
        'seed', 'seed'
    FROM organisations o WHERE o.code = 'OCCITANIE-COOPERATION'
    RETURNING practice_id INTO new_id;

    INSERT INTO practice_territories (practice_id, territory_id, territory_role)
    SELECT new_id, t.territory_id, v.territory_role
    FROM (VALUES
        ('FR-OCC', 'lead'), ('FR-11', 'partner'), ('FR-34-MMM', 'partner'), ('FR-31-COLOMIERS', 'partner'),
        ('MA-02', 'partner'), ('MA-03', 'partner'), ('MA-06', 'partner'), ('MA-TAR-ARGHEN', 'partner'), ('PS-TBS', 'partner')
    ) AS v (code, territory_role)
    JOIN territories t ON t.code = v.code;

    INSERT INTO practice_organisations (practice_id, organisation_id, organisation_role, position)
    SELECT new_id, o.organisation_id, v.organisation_role, v.position
    FROM (VALUES
        ('OCCITANIE-COOPERATION', 'Pilote du projet : coordination, administration, logistique et volet institutionnel', 1),
        ('EXPERTS-SOLIDAIRES', 'Appui technique, lien avec les partenaires de terrain, capitalisation des pratiques', 2),
        ('REGION-OCCITANIE', 'Collectivité engagée (accords avec trois régions marocaines et le gouvernorat de Tubas)', 3),
        ('DEPARTEMENT-AUDE', 'Collectivité engagée (coopérations en Palestine notamment)', 4),
        ('MONTPELLIER-METROPOLE', 'Collectivité engagée (coopération avec l''intercommunalité de la vallée de l''Arghen)', 5),
        ('COLOMIERS', 'Commune approchée ponctuellement', 6),
        ('PS-EAU', 'Mobilisé lors des comités de pilotage', 7),
        ('CARI', 'Mobilisé lors des comités de pilotage', 8),
        ('MEAE', 'Financeur (dispositif Clé en main)', 9),
        ('CITES-UNIES-FRANCE', 'Organisateur des assises de la coopération décentralisée, cadre de la deuxième mission', 10),
        ('AFD', 'Destinataire du projet opérationnel déposé par deux collectivités à l''issue du projet', 11)
    ) AS v (code, organisation_role, position)
    JOIN organisations o ON o.code = v.code;

    INSERT INTO practice_themes (practice_id, theme_id)
    SELECT new_id, th.theme_id FROM themes th
    WHERE th.theme_key IN ('governance', 'water_service', 'wastewater_reuse', 'cooperation_method', 'capacity_building', 'awareness');

    CREATE TEMPORARY TABLE seed_sections (position smallint, section_key text, title text, body text, items jsonb, quotes jsonb)
        ON COMMIT DROP;
    INSERT INTO seed_sections VALUES
    (1, 'context_need', 'Besoin initial',
     'Plusieurs collectivités d''Occitanie coopéraient déjà, chacune de son côté, avec des partenaires semblables (municipalités, '
     || 'gouvernorats) sur les mêmes territoires de la Méditerranée et autour de l''eau. Elles souhaitaient dialoguer davantage, '
     || 'coordonner et capitaliser leurs actions, et entraîner d''autres collectivités dans cette dynamique.',
     '["La Région Occitanie a signé trois accords de coopération avec des régions marocaines (l''Oriental, Fès-Meknès, Casablanca-Settat) et un accord-cadre avec le gouvernorat de Tubas en Palestine, en vigueur depuis 2012 ; le dernier accord couvrait 2019-2022.", "Le Département de l''Aude mène des coopérations notamment en Palestine, avec des échanges sur l''eau, l''environnement et les politiques sociales.", "Montpellier Méditerranée Métropole coopère avec l''intercommunalité de la vallée de l''Arghen au Maroc sur la gestion de l''eau à l''échelle intercommunale.", "L''ONG Experts-Solidaires accompagne la Métropole au Maroc et conduit ses propres projets en Palestine."]',
     '[{"text": "nous sommes plusieurs collectivités du territoire à travailler sur une même thématique, dans des territoires communs auprès de partenaires semblables (municipalités voire gouvernorats). Nous nous sommes dit qu''il est important de pouvoir coordonner les résultats de nos actions et de capitaliser entre partenaires. Ces échanges ont pu être initiés grâce au Clé en main.", "speaker": "collectivité"}]'),
    (2, 'interest', 'Intérêt pour le réseau régional',
     'Pour le RRMA, la démarche était l''occasion de montrer sa capacité à mobiliser, fédérer et coordonner autour d''un enjeu commun.',
     '["Faire connaître le réseau et attirer de nouvelles collectivités adhérentes", "Asseoir la crédibilité de ses interventions", "Susciter des actions de coopération autour d''une problématique partagée", "Gagner en visibilité"]',
     '[]'),
    (3, 'targets', 'Collectivités ciblées',
     'Toute collectivité, y compris celles qui disposent de peu de moyens dédiés à l''international : un Clé en main demande peu de ressources.',
     '["Région Occitanie", "Conseil départemental de l''Aude", "Montpellier Méditerranée Métropole", "Des communes mobilisées ponctuellement, comme Colomiers"]',
     '[]'),
    (4, 'objectives', 'Objectifs',
     'Objectif général : développer les savoirs et savoir-faire des collectivités engagées sur la gestion intégrée des ressources en eau, '
     || 'en co-construisant et en pilotant ensemble un projet dans une logique de réciprocité.',
     '["Créer une synergie régionale entre les collectivités engagées", "Favoriser les échanges entre collectivités d''Occitanie, du Maroc et de Palestine sur la gestion durable du cycle de l''eau", "Développer de nouveaux partenariats", "Sensibiliser les citoyens aux enjeux de l''eau"]',
     '[]'),
    (5, 'approach', 'Approche et phases',
     'Le montage a commencé par des discussions bilatérales avec chaque collectivité, suivies de temps collectifs animés par le RRMA. '
     || 'La première phase, longue, a servi à l''interconnaissance et a fait émerger trois thèmes de travail : la gouvernance, '
     || 'la mise en place du service de l''eau et la réutilisation des eaux usées traitées. La seconde phase a mis en œuvre les '
     || 'actions au fil des opportunités et de la disponibilité des acteurs.',
     '["Phase 1 : calendrier commun, comité de pilotage, premiers échanges, repérage d''experts basés en Occitanie avec l''ONG", "Phase 1 : première mission (collectivités, ONG, RRMA) pour s''approprier la problématique, sensibiliser des élus, visiter le terrain et rencontrer les partenaires", "Phase 2 : réunions mensuelles entre acteurs", "Phase 2 : mission commune lors des assises de la coopération décentralisée organisées par Cités Unies France (visites, tables rondes, préparation du séminaire)", "Phase 2 : accueil de délégations marocaines et palestiniennes pour un séminaire, des visites de terrain, des ateliers ouverts au public et des rendez-vous institutionnels"]',
     '[]'),
    (6, 'results', 'Résultats',
     'Le projet a créé un climat de confiance entre partenaires et fait émerger une coordination régionale entre collectivités. '
     || 'Il a surtout financé des rencontres : peu d''actions concrètes ont vu le jour sur les territoires partenaires faute de fonds d''investissement.',
     '["Le projet de formation de l''ONG en Cisjordanie sur la gestion durable de l''eau a été structuré et renforcé", "Des pistes de collaboration ont été co-construites, avec le souhait de poursuivre sur des aspects plus techniques", "Un modèle d''intervention a été tiré de l''expérience", "Deux collectivités ont déposé ensemble un projet opérationnel auprès de l''AFD", "Une collectivité a consolidé sa coopération en Cisjordanie et trouvé d''autres soutiens", "Deux nouveaux Clés en main ont été déposés"]',
     '[{"text": "le clé en main a permis la mise en lien des acteurs pour traiter de problématiques communes. En revanche il n''a pas permis de mettre en place des actions concrètes pour le partenaire (pas de fond sur l''investissement, peu d''action concrète sur le territoire de coopération mais essentiellement des fonds pour des rencontres qui permettent des rapprochements et des échanges entre partenaires).", "speaker": null}]'),
    (7, 'calendar', 'Calendrier',
     'Un projet de deux ans, durée jugée adaptée pour fixer des échéances, les tenir et avancer au rythme des collectivités.',
     '[]', '[]'),
    (8, 'resources', 'Ressources',
     'Financement par le dispositif Clé en main du ministère de l''Europe et des Affaires étrangères. Au RRMA, un équivalent temps plein '
     || 'a coordonné le projet en binôme avec l''ONG ; quatre membres de l''équipe ont été mobilisés pour le séminaire.',
     '[]', '[]'),
    (9, 'actors', 'Acteurs et rôles',
     '',
     '["Occitanie coopération (RRMA) : chef d''orchestre, pilotage des activités, gestion administrative, logistique et institutionnelle", "Experts-Solidaires : appui technique, lien avec les partenaires de terrain, programmation technique, capitalisation des pratiques de gestion intégrée sur les trois territoires", "Les collectivités et leurs partenaires : partage d''expériences et de pratiques", "pS-Eau et le CARI : mobilisés lors des comités de pilotage"]',
     '[]'),
    (10, 'tools', 'Outils déployés',
     '',
     '["Un espace de partage de documents commun à tous les partenaires (documents de projet, comptes rendus de réunions et de missions), avec des bilans traduits", "Un groupe de messagerie pour organiser le séminaire, qui a aussi créé du lien en dehors du projet", "Un annuaire des parties prenantes"]',
     '[{"text": "Sans clé en main nous ne serions pas allés au-delà de simples échanges ou des événements. Le clé en main a permis de passer du discours de l''échange à des actions concrètes entre CT", "speaker": "collectivité"}]'),
    (11, 'levers', 'Leviers',
     '',
     '["La connaissance du terrain et l''expertise technique de l''ONG, présente à chaque temps de co-construction", "L''ancrage territorial du RRMA, qui sait mobiliser les acteurs pertinents", "Le binôme institutionnel (RRMA) et technique (ONG)", "L''implication des services techniques de l''eau lors des visites de terrain", "Une traductrice jouant le rôle d''interface interculturelle", "Des points focaux désignés dans chaque collectivité", "Des réunions mensuelles ouvertes à ceux qui sont disponibles", "Une mission exploratoire initiale mêlant technique et politique"]',
     '[]'),
    (12, 'limits', 'Limites',
     '',
     '["Une implication inégale des partenaires, plus difficile quand les relations sont seulement institutionnelles", "Une dynamique collective longue à lancer, les collectivités n''ayant pas les mêmes priorités", "Un équilibre délicat entre volets technique et politique pendant les missions", "Des communes difficiles à impliquer, la gestion de la ressource en eau n''étant pas leur compétence directe", "Des collectivités de tailles et d''ambitions différentes, déséquilibre à prendre en compte dès la conception", "Des interlocuteurs issus des relations internationales plutôt que des services techniques, qu''il faut associer dès le départ", "Le travail multi-acteurs est en soi un défi, où l''accompagnement du RRMA prend son sens"]',
     '[]'),
    (13, 'lessons', 'Enseignements',
     'Prérequis : s''appuyer sur au moins une collectivité déjà engagée dans la coopération, qui rassure les autres ; prendre le temps '
     || 'de discuter en amont pour que tous partagent la même information ; associer très tôt les partenaires des collectivités, '
     || 'les acteurs qui connaissent le terrain et les services techniques.',
     '[]',
     '[{"text": "le RRMA doit proposer des choses concrètes et palpables", "speaker": null}, {"text": "il faut sortir du spectre de la seule coopération décentralisée pour susciter l''intérêt des acteurs", "speaker": null}]'),
    (14, 'recommendations', 'Recommandations',
     '',
     '["Choisir les participants aux missions selon des critères techniques définis à l''avance", "Aider la Région à identifier des partenariats plus opérationnels", "Prévoir du temps de communication (exposition, site internet) pour faire comprendre la coopération de territoire à territoire", "Rééquilibrer les forces quand les collectivités sont de tailles différentes", "Laisser une place à l''informel et à des voyages purement techniques"]',
     '[]'),
    (15, 'perspectives', 'Perspectives',
     'Une seconde phase est en préparation pour concrétiser les engagements pris pendant la première.',
     '[]', '[]');

    INSERT INTO practice_sections (practice_id, position, section_key, title)
    SELECT new_id, position, section_key, title FROM seed_sections;

    INSERT INTO practice_section_texts (practice_section_id, language, body, items, quotes, translation_status)
    SELECT s.practice_section_id, 'fr', v.body, v.items, v.quotes, 'original'
    FROM seed_sections v
    JOIN practice_sections s ON s.practice_id = new_id AND s.position = v.position;

    INSERT INTO practice_revisions (practice_id, revision, author, change_summary, content)
    VALUES (new_id, 1, 'seed', 'created from the model capitalisation sheet', practice_snapshot(new_id));
END
$$;
