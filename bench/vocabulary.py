"""Water-management vocabulary for generated practices, in French and English: real terms of
the trade, combined into sentences so that full-text search meets realistic text."""

FR = {
    "subjects": ["la régie intercommunale", "le syndicat des eaux", "la commune", "l'office national de l'eau", "la station d'épuration",
                 "le comité de bassin", "l'association des usagers", "le service technique", "la coopérative agricole", "le gestionnaire du réseau"],
    "verbs": ["a renforcé", "a mis en place", "a cartographié", "a réhabilité", "a suivi", "a concerté", "a financé", "a formé", "a évalué", "a réduit"],
    "objects": ["le rendement du réseau de distribution", "la réutilisation des eaux usées traitées pour l'irrigation", "les fuites sur les conduites",
                "la tarification progressive de l'eau potable", "la qualité des rejets de la station d'épuration", "le schéma directeur d'assainissement",
                "les compteurs des abonnés", "la gouvernance locale de l'eau", "le plan de gestion de la sécheresse", "la recharge de la nappe phréatique",
                "le raccordement des ménages au réseau", "les boues d'épuration", "le suivi des prélèvements agricoles", "la protection des captages"],
    "complements": ["avec les agriculteurs du périmètre irrigué", "grâce à un financement de l'agence de l'eau", "en lien avec la coopération décentralisée",
                    "malgré la pénurie d'eau estivale", "sur trois années consécutives", "avec l'appui d'un bureau d'études",
                    "pour les quartiers non raccordés", "selon les normes de réutilisation en vigueur", "en concertation avec les élus",
                    "à l'échelle du bassin versant"],
    "titles": ["Réutilisation des eaux usées traitées", "Gouvernance partagée de l'eau", "Mise en place d'un service d'eau potable",
               "Réduction des pertes du réseau", "Concertation des usagers de l'eau", "Assainissement autonome regroupé", "Tarification sociale de l'eau",
               "Gestion intégrée du bassin versant", "Formation des techniciens de réseau", "Irrigation économe en eau"],
}

EN = {
    "subjects": ["the inter-municipal utility", "the water board", "the municipality", "the national water office", "the treatment plant",
                 "the basin committee", "the water users' association", "the technical department", "the farmers' cooperative", "the network operator"],
    "verbs": ["strengthened", "set up", "mapped", "rehabilitated", "monitored", "consulted on", "funded", "trained staff on", "assessed", "reduced"],
    "objects": ["the efficiency of the distribution network", "the reuse of treated wastewater for irrigation", "leaks on the mains",
                "progressive drinking water tariffs", "the quality of the treatment plant's effluent", "the sanitation master plan",
                "customer meters", "local water governance", "the drought management plan", "aquifer recharge",
                "household connections to the network", "sewage sludge", "monitoring of agricultural abstraction", "protection of wellfields"],
    "complements": ["with the farmers of the irrigation scheme", "with funding from the water agency", "within decentralised cooperation",
                    "despite summer water scarcity", "over three consecutive years", "with the support of a consultancy",
                    "for unconnected neighbourhoods", "under the reuse standards in force", "in consultation with elected officials",
                    "at the scale of the catchment"],
    "titles": ["Treated wastewater reuse", "Shared water governance", "Setting up a drinking water service", "Reducing network losses",
               "Consulting water users", "Grouped on-site sanitation", "Social water tariffs", "Integrated catchment management",
               "Training network technicians", "Water-saving irrigation"],
}

SECTION_KEYS = ["context_need", "interest", "targets", "objectives", "approach", "results", "calendar", "resources", "actors", "tools",
                "levers", "limits", "lessons", "recommendations", "perspectives"]
THEMES = ["governance", "water_service", "wastewater_reuse", "awareness", "capacity_building", "cooperation_method", "financing"]
