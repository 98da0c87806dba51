-- The themes of practices: the three mission themes first, then cross-cutting ones. Each maps to
-- the SDG 6.5.1 components it documents; keywords (French and English lower case without accents,
-- Arabic as written) propose it for an imported document, as do its names in the three languages.
INSERT INTO themes (theme_key, name_fr, name_en, name_ar, is_mission_theme, sdg651_components, keywords, position)
VALUES
    ('governance', 'Gouvernance de l''eau', 'Water governance', 'حوكمة المياه', true,
        ARRAY['enabling_environment', 'institutions_participation'],
        ARRAY['gouvernance', 'governance', 'gire', 'iwrm', 'gestion integree', 'integrated water resource', 'comite de pilotage',
              'concertation', 'gestion durable de l eau', 'coordination',
              'حوكمة المياه', 'الحوكمة', 'التدبير المندمج', 'الإدارة المتكاملة للموارد المائية', 'لجنة القيادة', 'التشاور'], 1),
    ('water_service', 'Mise en place d''un service de l''eau', 'Setting up a water service', 'إرساء خدمة الماء', true,
        ARRAY['management_instruments', 'institutions_participation'],
        ARRAY['service de l eau', 'service d eau', 'eau potable', 'drinking water', 'water service', 'water supply',
              'reseau de distribution', 'distribution network', 'rendement de reseau',
              'الماء الصالح للشرب', 'مياه الشرب', 'خدمة الماء', 'خدمة المياه', 'شبكة التوزيع', 'التزويد بالماء'], 2),
    ('wastewater_reuse', 'Réutilisation des eaux usées traitées', 'Treated wastewater reuse', 'إعادة استعمال المياه العادمة المعالجة', true,
        ARRAY['management_instruments', 'enabling_environment'],
        ARRAY['reutilisation des eaux usees', 'eaux usees traitees', 'reut', 'treated wastewater', 'wastewater reuse', 'reuse',
              'station d epuration', 'assainissement',
              'إعادة استخدام المياه', 'إعادة استعمال المياه', 'المياه المعالجة', 'المياه العادمة', 'محطة المعالجة', 'محطة معالجة',
              'الصرف الصحي'], 3),
    ('awareness', 'Sensibilisation', 'Awareness raising', 'التحسيس', false,
        ARRAY['institutions_participation'],
        ARRAY['sensibilisation', 'sensibiliser', 'awareness', 'grand public', 'citoyens', 'التوعية', 'التحسيس'], 4),
    ('capacity_building', 'Renforcement des capacités', 'Capacity building', 'تعزيز القدرات', false,
        ARRAY['institutions_participation', 'management_instruments'],
        ARRAY['formation', 'renforcement des capacites', 'renforcer les competences', 'savoirs et savoir faire', 'training',
              'capacity building', 'competences', 'التكوين', 'التدريب', 'بناء القدرات', 'تعزيز القدرات'], 5),
    ('financing', 'Financement', 'Financing', 'التمويل', false,
        ARRAY['financing'],
        ARRAY['financement', 'financements', 'funding', 'bailleur', 'investissement', 'investment', 'budget',
              'التمويل', 'الاستثمار', 'الميزانية'], 6),
    ('cooperation_method', 'Méthode de coopération', 'Cooperation method', 'منهجية التعاون', false,
        ARRAY['institutions_participation'],
        ARRAY['cooperation decentralisee', 'decentralised cooperation', 'cle en main', 'reciprocite', 'reciprocity',
              'jumelage', 'partenariat', 'multi acteurs', 'التعاون اللامركزي', 'الشراكة', 'التوأمة'], 7)
ON CONFLICT (theme_key) DO UPDATE SET
    name_fr = EXCLUDED.name_fr, name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar,
    is_mission_theme = EXCLUDED.is_mission_theme, sdg651_components = EXCLUDED.sdg651_components,
    keywords = EXCLUDED.keywords, position = EXCLUDED.position
WHERE (themes.name_fr, themes.name_en, themes.name_ar, themes.is_mission_theme, themes.sdg651_components, themes.keywords, themes.position)
    IS DISTINCT FROM (EXCLUDED.name_fr, EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.is_mission_theme,
                      EXCLUDED.sdg651_components, EXCLUDED.keywords, EXCLUDED.position);
