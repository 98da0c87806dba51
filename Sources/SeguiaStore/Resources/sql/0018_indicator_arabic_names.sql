-- Where an indicator's Arabic name comes from: the UN's own Arabic wording (with the document
-- it is read in), or Seguia's translation, said so wherever the name is shown.
ALTER TABLE indicators ADD COLUMN name_ar_origin text;
ALTER TABLE indicators ADD COLUMN name_ar_source text;
ALTER TABLE indicators ADD CONSTRAINT ck_indicators_name_ar_origin CHECK (name_ar_origin IN ('un', 'seguia'));
ALTER TABLE indicators ADD CONSTRAINT ck_indicators_name_ar_has_origin CHECK (name_ar IS NULL OR name_ar_origin IS NOT NULL);
ALTER TABLE indicators ADD CONSTRAINT ck_indicators_name_ar_un_source CHECK (name_ar_origin IS DISTINCT FROM 'un' OR name_ar_source IS NOT NULL);
