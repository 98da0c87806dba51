-- A territory and everything it contains, at any depth: the one definition the directory,
-- value and report queries share. `root` says which of the asked territories each row is under.
CREATE FUNCTION territory_subtree(roots text[])
RETURNS TABLE (territory_id bigint, root text)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    WITH RECURSIVE scope AS (
        SELECT t.territory_id, t.code AS root FROM territories t WHERE t.code = ANY(roots)
        UNION ALL
        SELECT child.territory_id, scope.root FROM territories child JOIN scope ON child.parent_id = scope.territory_id
    )
    SELECT scope.territory_id, scope.root FROM scope
$$;
