-- Each of some territories with itself and every territory above it, nearest first: what
-- "the territory and those that contain it" means for a territory's page and a practice's
-- evidence. `origin` is the territory the walk started from, `depth` 0 for itself.
CREATE FUNCTION territory_lineage(origins bigint[])
RETURNS TABLE (origin bigint, territory_id bigint, depth integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    WITH RECURSIVE chain AS (
        SELECT t.territory_id AS origin, t.territory_id, t.parent_id, 0 AS depth FROM territories t WHERE t.territory_id = ANY(origins)
        UNION ALL
        SELECT chain.origin, up.territory_id, up.parent_id, chain.depth + 1
        FROM territories up JOIN chain ON up.territory_id = chain.parent_id
    )
    SELECT chain.origin, chain.territory_id, chain.depth FROM chain
$$;
