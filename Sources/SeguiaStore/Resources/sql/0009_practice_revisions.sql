-- Every change of a practice: who, when, what changed, and the whole content before the change.
CREATE TABLE practice_revisions (
    practice_id bigint NOT NULL,
    revision integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    author text NOT NULL,
    change_summary text NOT NULL,
    changed_fields text[] NOT NULL DEFAULT '{}',
    changed_sections text[] NOT NULL DEFAULT '{}',
    content jsonb NOT NULL,
    CONSTRAINT pk_practice_revisions PRIMARY KEY (practice_id, revision),
    CONSTRAINT fk_practice_revisions_practice FOREIGN KEY (practice_id) REFERENCES practices (practice_id)
);

-- The whole content of a practice as JSON: what a revision keeps, and what a diff compares.
CREATE FUNCTION practice_snapshot(target bigint) RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object(
        'slug', p.slug,
        'title', p.title,
        'summary', p.summary,
        'language', p.language,
        'organisation', o.code,
        'period', jsonb_build_object('start', p.period_start, 'end', p.period_end, 'precision', p.period_precision),
        'status', p.status,
        'confidentiality', p.confidentiality,
        'source', p.source,
        'territories', coalesce((
            SELECT jsonb_agg(jsonb_build_object('code', t.code, 'role', pt.territory_role) ORDER BY t.code)
            FROM practice_territories pt JOIN territories t ON t.territory_id = pt.territory_id
            WHERE pt.practice_id = p.practice_id), '[]'),
        'organisations', coalesce((
            SELECT jsonb_agg(jsonb_build_object('code', org.code, 'role', po.organisation_role) ORDER BY po.position)
            FROM practice_organisations po JOIN organisations org ON org.organisation_id = po.organisation_id
            WHERE po.practice_id = p.practice_id), '[]'),
        'themes', coalesce((
            SELECT jsonb_agg(th.theme_key ORDER BY th.position)
            FROM practice_themes pth JOIN themes th ON th.theme_id = pth.theme_id
            WHERE pth.practice_id = p.practice_id), '[]'),
        'sections', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                'key', s.section_key,
                'title', s.title,
                'texts', coalesce((
                    SELECT jsonb_object_agg(st.language, jsonb_build_object(
                        'text', st.body, 'items', st.items, 'quotes', st.quotes, 'translation_status', st.translation_status))
                    FROM practice_section_texts st WHERE st.practice_section_id = s.practice_section_id), '{}')
            ) ORDER BY s.position)
            FROM practice_sections s WHERE s.practice_id = p.practice_id), '[]')
    )
    FROM practices p
    LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
    WHERE p.practice_id = target
$$;
