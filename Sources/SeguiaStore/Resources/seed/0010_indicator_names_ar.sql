-- Arabic names of the indicators. Two follow the UN's Arabic wording, read in the documents
-- named; the others are Seguia's translations of the English names (marked 'seguia'), since
-- the series here are often narrower than the SDG indicator they belong to (6.3.1 domestic
-- flows only, 6.4.1 the level rather than its change).
UPDATE indicators i SET name_ar = v.name_ar, name_ar_origin = v.origin, name_ar_source = v.source
FROM (VALUES
    ('6.1.1', 'نسبة السكان الذين يستفيدون من خدمات مياه الشرب التي تدار بطريقة مأمونة', 'un',
        'UN SDG indicator metadata 6.1.1, Arabic edition (WHO, UNICEF)'),
    ('6.2.1', 'نسبة السكان الذين يستفيدون من خدمات الصرف الصحي التي تدار بطريقة مأمونة', 'seguia', NULL),
    ('6.3.1', 'نسبة تدفقات مياه الصرف الصحي المنزلية المعالجة بطريقة مأمونة', 'seguia', NULL),
    ('6.3.1.GEN', 'الحجم الإجمالي لمياه الصرف الصحي المنتجة (جميع الأنشطة)', 'seguia', NULL),
    ('6.3.1.TREAT', 'الحجم الإجمالي لمياه الصرف الصحي المعالجة (جميع الأنشطة)', 'seguia', NULL),
    ('6.3.1.TREATR', 'نسبة مياه الصرف الصحي المعالجة (جميع الأنشطة)', 'seguia', NULL),
    ('6.3.2', 'نسبة المسطحات المائية ذات نوعية المياه المحيطة الجيدة', 'seguia', NULL),
    ('6.4.1', 'كفاءة استخدام المياه (جميع القطاعات)', 'seguia', NULL),
    ('6.4.2', 'مستوى الإجهاد المائي: سحب المياه العذبة كنسبة من موارد المياه العذبة المتاحة', 'seguia', NULL),
    ('6.5.1', 'درجة التنفيذ للإدارة المتكاملة للموارد المائية (0-100)', 'un',
        'ESCWA, Arab Region 2019 IWRM implementation report, E/ESCWA/SDPD/2019/TP.4'),
    ('6.5.1.EE', 'درجة التنفيذ للإدارة المتكاملة للموارد المائية – البيئة التمكينية (0-100)', 'seguia', NULL),
    ('6.5.1.IP', 'درجة التنفيذ للإدارة المتكاملة للموارد المائية – المؤسسات والمشاركة (0-100)', 'seguia', NULL),
    ('6.5.1.MI', 'درجة التنفيذ للإدارة المتكاملة للموارد المائية – أدوات الإدارة (0-100)', 'seguia', NULL),
    ('6.5.1.FI', 'درجة التنفيذ للإدارة المتكاملة للموارد المائية – التمويل (0-100)', 'seguia', NULL),
    ('6.5.2', 'نسبة أحواض المياه العابرة للحدود التي لديها ترتيبات تشغيلية للتعاون في مجال المياه', 'seguia', NULL),
    ('6.a.1', 'المساعدة الإنمائية الرسمية المخصصة للمياه والصرف الصحي ضمن خطة إنفاق تنسقها الحكومة', 'seguia', NULL),
    ('6.b.1', 'نسبة الوحدات الإدارية المحلية التي لديها سياسات وإجراءات عاملة لمشاركة المجتمعات المحلية في إدارة المياه والصرف الصحي', 'seguia', NULL),
    ('NET_EFF', 'مردودية شبكة توزيع مياه الشرب (الحجم المفوتر أو المستهلك / الحجم الموزع)', 'seguia', NULL),
    ('NRW', 'المياه غير المدرة للدخل (100 − مردودية الشبكة)', 'seguia', NULL),
    ('WW_REUSE_VOL', 'حجم مياه الصرف الصحي المعالجة المعاد استعمالها', 'seguia', NULL),
    ('WW_TREAT_RATE_NAT', 'المعدل الوطني لمعالجة مياه الصرف الصحي (التعريف الوطني)', 'seguia', NULL),
    ('WW_PROD_VOL', 'الحجم السنوي لمياه الصرف الصحي المنتجة', 'seguia', NULL),
    ('HH_WATER_NET', 'الأسر التي مساكنها موصولة بشبكة عامة للمياه', 'seguia', NULL),
    ('HH_WW_NET', 'الأسر التي تصرف مياهها العادمة عبر شبكة للصرف الصحي', 'seguia', NULL),
    ('WW_REUSE_SHARE', 'حصة مياه الصرف الصحي المعالجة المعاد استعمالها (الحجم المعاد استعماله / الحجم المعالج)', 'seguia', NULL)
) AS v(code, name_ar, origin, source)
WHERE i.code = v.code
  AND (i.name_ar, i.name_ar_origin, i.name_ar_source) IS DISTINCT FROM (v.name_ar, v.origin, v.source);
