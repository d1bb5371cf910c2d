# Mots fixes du rapport et phrases générées, en français (voir en.ftl pour les arguments).
# Typographie : espace insécable (U+00A0) avant « : » et « ; » ; les nombres sont formatés par
# render::numfmt (espace fine insécable U+202F entre les milliers, virgule décimale).

## Mots fixes du rapport
contents = Table des matières
notes = Notes
provider-flags = Indicateurs de statut des fournisseurs
flag = Indicateur
meaning = Signification
figure = Figure
table = Tableau
source = Source
reference-year = Année de référence
prepared-by = Établi par
edition = Édition
generated-from-data = Généré à partir des données
page = Page
list-of-tables = Liste des tableaux
list-of-figures = Liste des figures
acronyms = Sigles et abréviations
draft = PROJET
foreword = Avant-propos
working-group = Groupe de travail technique
name = Nom
institution = Institution
role = Rôle
abbreviation = Sigle
disclaimer = Avertissement
colon = {"\u00A0:"}
published-by = Publié par

## Échelles
scale-million = M
scale-billion = Md
not-available = n.d.

## Quantités
amount-persons = { $scale ->
    [million] { $n } { $count ->
        [one] million
       *[other] millions
    } de personnes
    [billion] { $n } { $count ->
        [one] milliard
       *[other] milliards
    } de personnes
   *[none] { $n } { $count ->
        [one] personne
       *[other] personnes
    }
}
amount-events = { $scale ->
    [million] { $n } { $count ->
        [one] million
       *[other] millions
    } d'événements
    [billion] { $n } { $count ->
        [one] milliard
       *[other] milliards
    } d'événements
   *[none] { $n } { $count ->
        [one] événement
       *[other] événements
    }
}
amount-movements = { $scale ->
    [million] { $n } { $count ->
        [one] million
       *[other] millions
    } de mouvements
    [billion] { $n } { $count ->
        [one] milliard
       *[other] milliards
    } de mouvements
   *[none] { $n } { $count ->
        [one] mouvement
       *[other] mouvements
    }
}
amount-refugees = { $scale ->
    [million] { $n } { $count ->
        [one] million
       *[other] millions
    } de réfugiés
    [billion] { $n } { $count ->
        [one] milliard
       *[other] milliards
    } de réfugiés
   *[none] { $n } { $count ->
        [one] réfugié
       *[other] réfugiés
    }
}
amount-people = { $scale ->
    [million] { $n } { $count ->
        [one] million
       *[other] millions
    } de personnes
    [billion] { $n } { $count ->
        [one] milliard
       *[other] milliards
    } de personnes
   *[none] { $n } { $count ->
        [one] personne
       *[other] personnes
    }
}
change-points = { $sign }{ $n } { $count ->
    [one] point de pourcentage
   *[other] points de pourcentage
}
unit-per-1000 = { $n } pour 1 000
unit-per-100000 = { $n } pour 100 000
unit-usd = { $n } USD
list-and = et

## Phrases sur un indicateur
stmt-latest = { $form ->
    [m] Le { $name } se situait à
    [f] La { $name } se situait à
    [el] L'{ $name } se situait à
    [mpl] Les { $name } se situaient à
    [fpl] Les { $name } se situaient à
   *[none] { $name } :
} { $amount } en { $period }{ $stale ->
    [yes] , dernière valeur disponible
   *[no] {""}
} ({ $source })
stmt-up = en hausse par rapport à { $amount } en { $period } ({ $change })
stmt-down = en baisse par rapport à { $amount } en { $period } ({ $change })
stmt-same = à peu près au même niveau qu'en { $period }
list-sep =  ;
stmt-and = et
stmt-peak = La valeur la plus élevée de cette série a été atteinte en { $period } : { $amount }.
stmt-break = Les valeurs antérieures à { $period } ne lui sont pas comparées : la série change à cette date ({ $reason }).
stmt-partial = La valeur de { $period } ({ $amount }) ne couvre qu'une partie de la période ({ $coverage }) et n'est pas comparée aux périodes complètes.
stmt-partial-default = partielle
stmt-projection = Les valeurs à partir de { $period } sont des projections, non des données, et ne sont présentées qu'identifiées comme telles.

## Ruptures de série
break-default = une rupture de série
break-source = un changement de source
break-revision = le passage à une autre révision de l'ensemble de données
break-territory = un changement de territoire
break-concept = un changement de concept de population
break-flag = une rupture de série signalée par le fournisseur
break-period-length = un changement de la durée des périodes
break-short-source = nouvelle source
break-short-revision = nouvelle révision
break-short-territory = nouveau territoire
break-short-concept = nouveau concept
break-short-flag = rupture de série
break-short-period-length = nouvelle durée de période

## Chiffres clés
card-latest-available = dernière valeur disponible : { $period }
card-partial = partie de la période seulement : { $coverage }
card-provisional = provisoire
card-count-beside = { $name } en regard : { $year }
card-count-year = { $name } : { $year }

## Résumé analytique
fact = { $amount } en { $period } ({ $source })
syn-imm = Les migrants internationaux vivant dans le pays étaient au nombre de { $fact }
syn-imm-share-same = , soit { $share } de la population
syn-imm-share-other =  ; ils représentaient { $share } de la population en { $period }
syn-imm-origins = Les groupes les plus nombreux venaient des pays suivants : { $list } ({ $period }).
syn-emi = Les émigrants originaires du pays vivant à l'étranger étaient au nombre de { $fact }.
syn-emi-destinations = Leurs principaux pays de destination étaient les suivants : { $list } ({ $period }).
syn-net = La migration nette était de { $fact } : { $direction ->
    [in] les arrivées ont dépassé les départs
    [out] les départs ont dépassé les arrivées
   *[zero] les arrivées et les départs se sont équilibrés
}.
syn-refugees-hosted = le pays accueillait { $amount } en { $period } ({ $source })
syn-refugees-from = { $amount } originaires du pays se trouvaient à l'étranger en { $period } ({ $source })
syn-idps = { $amount } étaient déplacées à l'intérieur du pays en { $period } ({ $source })
syn-remit-in = les envois de fonds personnels reçus s'élevaient à { $fact }
syn-remit-in-gdp = , soit { $share } du PIB
syn-remit-out = les envois de fonds versés s'élevaient à { $fact }

## Graphiques
chart-source = Source : { $sources }.
chart-rounded = Effectifs arrondis à la base { $base }.
chart-suppressed = Petits effectifs masqués.
chart-partial = Cercles vides : partie de la période seulement ({ $periods }), non reliés aux périodes complètes.
chart-residual = Les groupes résiduels et les partenaires inconnus ne sont pas représentés.
axis-year = Année
axis-age = Âge
axis-persons = Personnes
axis-percent = Pourcentage
legend-male = Hommes
legend-female = Femmes
legend-estimate = Estimation (plus clair)
legend-projection = Projection (en tirets)
legend-partial = Partie de la période
legend-break = Rupture de série
skip-no-values = aucune valeur
skip-single-period = une seule période
skip-few-bars = moins de deux valeurs par { $dimension } en { $period } ({ $id })
skip-no-bars = aucune valeur par { $dimension } ({ $ids })
skip-few-ages = moins de deux groupes d'âge par sexe en { $period } ({ $id })
skip-no-ages = aucune valeur par âge et par sexe ({ $ids })
skip-no-multiples = aucun indicateur n'a de valeurs pour deux périodes ({ $ids })

## Breakdowns (table cells)
sex-female = Femmes
sex-male = Hommes
total = Total

## Dates
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-day = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-month = { $month } { $year }

## Rapport (render::report)
r-annexes = Annexes
r-annex-sources = Sources et qualité des données
r-annex-definitions = Définitions des indicateurs
r-annex-tables = Tableaux statistiques
r-annex-plan = Plan d'action sur les données
r-annex-coherence = Cohérence : valeurs d'autres sources
r-indicator = Indicateur
r-period = Période
r-decade = Décennie
r-decade-label = Années { $decade }
r-year = Année
r-unit = Unité
r-definition = Définition
r-source = Source
r-chart-not-drawn = Graphique non tracé faute de données : { $reason }.
r-table-no-data = Tableau « { $title } » non présenté : aucune donnée.
r-no-data-for = Aucune donnée dans ce profil pour : { $names }.
r-note-suppressed = s : masqué, effectif inférieur à { $threshold } (contrôle de la divulgation).
r-note-rounded = r : arrondi à la base { $base }.
r-note-flags = { $flags } : { $count ->
    [one] indicateur de statut du fournisseur
   *[other] indicateurs de statut du fournisseur
}, voir « Indicateurs de statut des fournisseurs » à la fin du rapport.
r-note-refs = [a], [b], ... : notes à la fin du rapport.
r-note-partner-footnotes = Les notes du fournisseur sur les valeurs par pays partenaire concernent les déclarations de ce partenaire ; elles figurent dans le jeu de données (data/observations.csv, colonne footnote).
r-no-findings = Aucune conclusion ne peut être tirée : aucun indicateur n'a de valeur publiée.
r-no-recommendations = Aucune recommandation n'est encore enregistrée : le groupe de travail les rédige dans le texte de la section { $section } du profil.
r-profile-draws = Le profil s'appuie sur { $sources } { $sources ->
    [one] source
   *[other] sources
} et dispose de données pour { $with } des { $total } indicateurs de ses modules.
r-gaps-listed = { $count ->
    [one] Une lacune dans les données est recensée dans la partie D.4, avec un plan pour la combler.
   *[other] { $n } lacunes dans les données sont recensées dans la partie D.4, avec un plan pour les combler.
}
r-latest-periods = Les { $keep } dernières périodes sur { $total } ; toutes les périodes figurent dans l'annexe des tableaux statistiques.
r-largest-of = Les { $keep } premiers sur { $total } ; toutes les valeurs figurent dans le jeu de données (data/observations.csv).
r-no-gaps = Aucune lacune dans les données n'a été trouvée pour les modules retenus.
r-no-plan = Le plan d'action sur les données ne comporte aucune entrée.
r-plan-once = Le plan d'action sur les données figure une seule fois, dans la partie D.4 (tableau { $table }).

# Gaps and drafted actions (quality/gaps.rs); priorities, timeframes and responsible
# institutions are stored as the English text and translated when shown.
q-gap-missing = aucune valeur dans le profil
q-gap-stale = dernière valeur pour { $end }, { $age } ans avant l'année de référence { $reference } (plus de { $limit } ans pour un indicateur de type { $kind })
q-gap-breakdown = aucune valeur par { $dims }, que les graphiques ou tableaux du modèle présentent
q-gap-quality = source `{ $source }` : { $scores }
q-kind-stock = stock
q-kind-flow = flux
q-kind-rate = taux
q-kind-share = part
q-kind-money = monétaire
q-kind-count = dénombrement
q-kind-score = score
q-ask-government = Demander les chiffres officiels à : { $list }.
q-ask-international = Importer les séries publiées par : { $list }.
q-ask-academia = Demander leurs données d'enquête ou d'étude à : { $list }.
q-ask-civil-society = Demander leurs statistiques de services à : { $list }.
q-ask-non-traditional = Négocier des données agrégées avec : { $list }, dans le cadre d'un accord de partage de données.
q-the-responsible = l'organisme responsable ({ $responsible })
q-act-fill = Combler l'absence de données : { $name } ({ $unit }). { $who }
q-act-start = Commencer à collecter : { $name } ({ $unit }) ; aucun fournisseur du registre ne couvre cet indicateur ; convenir avec l'organisme responsable ({ $responsible }) d'une source (registre administratif ou module d'enquête) et de son calendrier de diffusion.
q-act-update = Mettre à jour : { $name } ; { $detail } ; demander la dernière diffusion à : { $from }.
q-act-breakdown = Obtenir la ventilation de l'indicateur { $name } : { $detail } ; demander la tabulation à : { $from }, les petites cellules étant protégées avant diffusion.
q-act-quality = Améliorer la qualité de l'indicateur { $name } : { $detail } ; demander la méthode et les métadonnées à : { $from }, ou une seconde source à comparer.
q-act-in-country = Dans ce pays : demander à { $who } les chiffres de l'instrument « { $instrument } ».
q-resp-border = service des frontières et de l'immigration
q-resp-labour = ministère du travail
q-resp-asylum = autorité chargée de l'asile et des réfugiés
q-resp-central-bank = banque centrale
q-resp-education = ministère de l'éducation
q-resp-health = ministère de la santé
q-resp-disaster = agence de gestion des catastrophes
q-resp-policy = ministère chargé de la politique migratoire
q-resp-nso = office national de statistique
q-priority-high = élevée
q-priority-medium = moyenne
q-priority-low = faible
q-time-3 = 3 mois
q-time-6 = 6 mois
q-time-12 = 12 mois
q-time-24 = 24 mois
q-time-census = prochain cycle de recensement

# The annex "Changes since the previous edition" (render/changes.rs).
r-changes-intro = Par rapport à l'édition précédente : { $title } ({ $edition }).
r-changes-intro-plain = Par rapport à l'édition précédente : { $title }.
r-changes-none = Aucune valeur, source ou action du plan n'a changé depuis l'édition précédente.
r-changes-more = Les { $shown } plus grandes des { $all } révisions sont indiquées ; `migprof diff` les énumère toutes.
r-changes-no-previous = Ce profil ne désigne aucune édition précédente (meta.previous_edition).
r-changes-source = ce profil et son édition précédente, { $title }
w-changes-title = Changements depuis l'édition précédente
w-changes-summary = Résumé des changements depuis l'édition précédente
w-change = Changement
w-number = Nombre
w-values-new = Valeurs nouvelles dans cette édition
w-periods-new = Périodes nouvelles pour un indicateur
w-revised-values = Valeurs révisées
w-values-gone = Valeurs qui ne sont plus données
w-sources-added = Sources ajoutées
w-sources-dropped = Sources retirées
w-actions-changed = Actions du plan dont le statut a changé
w-changes-by-indicator = Changements par indicateur
w-new-values = Nouvelles valeurs
w-new-periods = Nouvelles périodes
w-largest-revisions = Plus grandes révisions des valeurs publiées
w-breakdown = Ventilation
w-previous-edition = Édition précédente
w-this-edition = Cette édition
w-revision = Révision
w-sources-added-dropped = Sources ajoutées et retirées
w-added = ajoutée
w-dropped = retirée
w-plan-progress = Avancement du plan d'action sur les données
w-status-new = nouvelle
w-status-planned = prévue
w-status-under-way = en cours
w-status-done = réalisée
r-plan-drafted-note = Le profil n'a pas de plan d'action propre : les entrées ci-dessous ont été rédigées par migprof à partir des lacunes dans les données et doivent être revues.
r-plan-title = Plan d'action sur les données
r-plan-title-drafted = Plan d'action sur les données (projet)
r-no-sources = Le profil n'enregistre aucune source.
r-no-scores = Aucun score de qualité n'est disponible.
r-no-indicator-data = Aucun indicateur n'a de données dans ce profil.
r-not-in-catalogue = Absent du catalogue.
r-definitions-title = Définitions des indicateurs utilisés
r-sources-title = Sources utilisées
r-gaps-title = Lacunes dans les données, par ordre de priorité
r-alternatives-title = Valeurs d'autres sources
r-no-alternatives = Aucun indicateur n'a de valeurs divergentes provenant de plusieurs sources.
r-quality-title = Qualité des valeurs utilisées, par dimension (de 0, faible, à 3, bonne)
r-quality-evidence = Les éléments justifiant chaque score figurent dans le rapport HTML sous forme d'info-bulle.
r-table-decades = { $name } ({ $unit }), de { $from } à { $to }, par décennie et par année
r-table-part = { $name } (de { $from } à { $to }, partie { $part } sur { $parts })
r-shown-every = Présenté : { $what }. Toutes les valeurs figurent dans le jeu de données (data/observations.csv).
r-shown-latest = les { $shown } dernières périodes sur { $total }
## En-têtes de tableau
h-rank = Rang
h-section = Section
h-gap = Lacune
h-detail = Détail
h-filled-by = Pourrait être comblée par
h-action = Action
h-responsible = Responsable
h-priority = Priorité
h-timeframe = Échéance
h-providers = Fournisseurs
h-origin = Origine
h-id = Identifiant
h-provider = Fournisseur
h-dataset = Ensemble de données
h-file = Fichier ou référence
h-retrieved = Extrait le
h-licence = Licence
h-cell = Cellule
h-values-by-source = Valeurs par source
h-difference = Écart
h-used = Retenue
h-why = Justification de la source
h-reason = Raison probable de l'écart
h-sdg-gcm = ODD / Pacte mondial
## Tableaux de la partie C
g-policy-title = Politiques et stratégies migratoires nationales
g-policy = Politique ou stratégie
g-summary = Résumé
g-instruments-title = Instruments internationaux
g-instrument = Instrument
g-status = Statut
g-institutions-title = Institutions ayant des responsabilités en matière de migration
g-institution = Institution
g-role = Rôle
g-agreements-title = Accords bilatéraux et régionaux
g-partner = Partenaire
g-agreement = Accord
g-none = { $what ->
    [policy] Aucune politique ou stratégie n'est enregistrée
    [ratification] Aucune ratification d'instrument international n'est enregistrée
    [institution] Aucune institution n'est enregistrée
   *[agreement] Aucun accord n'est enregistré
} dans les données de gouvernance de ce profil.
## Notes sur une valeur
v-projection = Projection, et non estimation de ce qui s'est produit ({ $source }).
v-estimate = Estimation ({ $source }).
v-provisional = Valeur provisoire, susceptible d'être révisée ({ $source }).
v-partial = Ne couvre qu'une partie de la période : { $coverage } ({ $source }).
v-shifted-year = Années de douze mois qui ne se terminent pas en décembre, désignées par l'année où elles se terminent ; non comparées aux années civiles ({ $source }).
v-territory = Se rapporte à : { $name } ({ $source }).
v-former-territory = un ancien territoire du pays
unknown = Inconnu
## Tableaux par pays partenaire et lacunes
partner = { $dim ->
    [origin] pays d'origine
    [destination] pays de destination
    [citizenship] pays de nationalité
    [nationality] pays de nationalité
    [asylum] pays d'asile
   *[other] pays
}
partners = { $dim ->
    [origin] pays d'origine
    [destination] pays de destination
    [citizenship] pays de nationalité
    [nationality] pays de nationalité
    [asylum] pays d'asile
   *[other] pays
}
r-by-partner = { $name } par { $partner } ({ $unit })
r-shown-largest = les { $top } premiers des { $total } { $partners } selon la dernière valeur{ $latest }
gap-missing = aucune donnée
gap-stale = données anciennes
gap-no-disaggregation = pas de ventilation
gap-low-quality = qualité insuffisante
## Source lines of the report's own tables, origins, quality dimensions
src-gaps = lacunes dans les données relevées par migprof dans les valeurs de ce profil pour les indicateurs des sections retenues
src-plan-drafted = rédigé par migprof à partir des lacunes dans les données, à revoir par le groupe de travail
src-plan = plan d'action sur les données du profil
src-sources = registre des sources du profil (fichier ou référence, SHA-256, date d'extraction, licence)
src-scores = scores attribués par migprof à partir des valeurs et des métadonnées de leurs sources
src-catalogue = catalogue d'indicateurs de migprof, d'après le modèle de profil migratoire de l'OIM
src-compared = sources du profil, comparées par migprof
src-governance = données de gouvernance du profil
src-governance-each = données de gouvernance du profil, chaque entrée avec sa source telle qu'enregistrée
origin-drafted = rédigé par migprof
origin-profile = profil
hint-suppressed = masqué (petit effectif)
dim-relevance = Pertinence
dim-accuracy = Exactitude et fiabilité
dim-timeliness = Actualité
dim-accessibility = Accessibilité et clarté
dim-coherence = Cohérence et comparabilité
dim-institutional = Cadre institutionnel
## Conclusions de la partie D.1
f-since = , { $change } depuis { $period }
f-partial =  ; la valeur de { $period } ne couvre qu'une partie de la période ({ $coverage }) et n'est pas comparée
f-evidence = Le profil dispose de données pour { $with } des { $total } indicateurs de ses sections{ $gaps ->
    [0] {""}
    [one] , et { $gaps } lacune dans les données est recensée dans la partie D.4
   *[other] , et { $gaps } lacunes dans les données sont recensées dans la partie D.4
}.
## Provider flags and the choice of a source
flag-b = rupture de série (Eurostat)
flag-c = confidentiel (Eurostat)
flag-d = définition différente (Eurostat)
flag-e = estimé (Eurostat)
flag-f = prévision (Eurostat)
flag-n = non significatif (Eurostat)
flag-p = provisoire (Eurostat)
flag-r = révisé (Eurostat)
flag-s = estimation d'Eurostat (Eurostat)
flag-u = fiabilité faible (Eurostat)
flag-z = sans objet (Eurostat)
flag-B = fondé sur la population née à l'étranger (type de données du DAES de l'ONU)
flag-C = fondé sur les ressortissants étrangers (type de données du DAES de l'ONU)
flag-I = imputé (type de données du DAES de l'ONU)
flag-R = réfugiés ajoutés à l'estimation (type de données du DAES de l'ONU)
flag-E = valeur estimée (OCDE)
flag-P = valeur provisoire (OCDE)
flag-other = indicateur de statut tel que publié par le fournisseur
why-default-kind = Ordre par défaut : sources de même nature, celle citée en premier dans le profil
why-default-custodian = Ordre par défaut : séries des organismes internationaux responsables d'abord pour les indicateurs des ODD et du Pacte mondial
why-default-national = Ordre par défaut : statistiques officielles nationales d'abord, puis séries internationales
why-preferred-none = Retenue dans ce profil (aucune justification enregistrée)
## Markdown key-figure table
key-figure = Chiffre clé
value = Valeur
## Indicator tags and breakdown names
tag-sdg = ODD { $n }
tag-gcm = Pacte mondial { $n }
dim-age = Âge
dim-cause = Cause
dim-type = Type
dim-reason = Motif
dim-occupation = Profession
dim-sector = Secteur
dim-route = Itinéraire
dim-area = Zone
dim-level = Niveau
dim-hazard = Aléa
dim-sex = Sexe
dim-origin = Pays d'origine
dim-destination = Pays de destination
dim-citizenship = Nationalité
dim-nationality = Nationalité
dim-country = Pays
dim-asylum = Pays d'asile

## Éléments justifiant les scores de qualité (quality/score.rs)
ev-not-in-catalogue = l'indicateur `{ $indicator }` ne figure pas dans le catalogue
ev-concept-differs = compte `{ $got }`, alors que le catalogue définit l'indicateur comme `{ $want }`
ev-concept-unstated = concept de population non précisé (le catalogue demande `{ $want }`)
ev-undesa-citizenship = type de données { $flag } du DAES de l'ONU : migrants comptés selon la nationalité, et non selon le pays de naissance
ev-definition-differs = indicateur de statut { $flag } : définition différente
ev-stock-span = stock donné pour la période { $from }-{ $to }, et non à une date
ev-concept-matches = le concept `{ $concept }` correspond à la définition du catalogue
ev-no-concept-needed = conforme à la définition du catalogue (aucun concept particulier requis)
ev-flag-name = { $eurostat ->
    [yes] indicateur de statut Eurostat { $flag }
   *[no] indicateur de statut { $flag }
}
ev-flag-meaning = { $what } : { $meaning }
ev-m-provisional = provisoire
ev-m-estimated = estimé
ev-m-forecast = prévision
ev-m-redacted = quelques petites valeurs masquées par le fournisseur
ev-m-imputed = imputé
ev-m-low-reliability = fiabilité faible
ev-undesa-refugees = type de données { $flag } du DAES de l'ONU : réfugiés ajoutés au chiffre du recensement
ev-undesa-imputed = type de données { $flag } du DAES de l'ONU : imputé, aucune donnée pour le pays
ev-mmp-score = score de qualité de la source du projet Migrants disparus : { $q } sur 5
ev-mmp-minimum = estimation minimale (projet Migrants disparus)
ev-wpp-model = estimation fondée sur un modèle (Perspectives de la population mondiale)
ev-mmp-quality = qualité des sources du projet Migrants disparus : moyenne { $mean }, minimum { $min } (1 = une seule source non vérifiée, 5 = source officielle ou plusieurs sources vérifiées)
ev-footnote-estimate = note du fournisseur : « { $footnote } »
ev-non-traditional = source non traditionnelle : couverture non représentative de la population
ev-no-flag = publié sans indicateur de qualité
ev-period-unreadable = la période `{ $period }` est illisible
ev-latest-period = dernière période { $period }
ev-latest-year = dernière année { $year }
ev-after-reference = { $latest } est postérieure à l'année de référence { $reference } (projection)
ev-age = { $latest }, { $age } { $age ->
    [one] an
   *[other] ans
} avant l'année de référence { $reference }
ev-source-unrecorded = la source `{ $source }` n'est pas enregistrée
ev-open-licence = licence ouverte { $licence }
ev-closed-licence = la licence « { $licence } » n'est pas une licence ouverte
ev-machine-readable = fichier lisible par machine ({ $format })
ev-machine-readable-sha = fichier lisible par machine ({ $format }) avec empreinte SHA-256
ev-no-format = fichier enregistré sans son format
ev-manual = saisie manuelle à partir d'une publication
ev-meta-url = URL
ev-meta-citation = référence bibliographique
ev-meta-notes = notes du fournisseur
ev-meta-footnote = note
ev-no-metadata = aucune métadonnée enregistrée (URL, référence ou notes)
ev-metadata = métadonnées : { $list }
ev-agrees = concorde avec { $name } à { $tol } près en { $period } (écart de { $diff })
ev-differs = écart de { $diff } avec { $name } en { $period }
ev-same-value = même valeur que { $name } en { $period }
ev-no-other = aucune autre source de comparaison
ev-break = rupture de série en { $periods }
ev-concept-changes = le concept change d'une année à l'autre ({ $concepts })
ev-fam-government = statistiques officielles (administration nationale)
ev-fam-international = statistiques officielles (organisation internationale)
ev-fam-academia = producteur universitaire, pas de statistiques officielles
ev-fam-civil-society = producteur de la société civile, pas de statistiques officielles
ev-fam-non-traditional = source non traditionnelle (données privées), pas de statistiques officielles
ev-not-in-registry = le fournisseur `{ $provider }` ne figure pas dans le registre
ev-named = { $name } : { $text }
ev-flags-kept = indicateurs de statut du fournisseur conservés : { $flags }

## Raisons probables des écarts entre sources (quality/reconcile.rs)
rs-refers-to = { $source } porte sur { $territory }
rs-territories = Les valeurs portent sur des territoires différents : { $parts }.
rs-present-territory = le territoire actuel du pays
rs-former-territory = un ancien territoire du pays
rs-territory = { $name }
rs-revision-of = { $source } provient de la révision { $revision }
rs-revision-unstated = { $source } n'indique pas sa révision
rs-revisions = Les valeurs proviennent { $same ->
    [yes] de révisions différentes du même jeu de données
   *[no] de révisions différentes des estimations
} : { $parts }. Chaque révision réestime les années passées ; l'écart ne traduit donc pas une évolution dans le temps.
rs-projection = { $sources } donne une projection, l'autre source une estimation de ce qui s'est produit.
rs-shifted-year = { $source } couvre une année qui ne se termine pas en décembre ({ $coverage }), et non l'année civile.
rs-partial = { $source } ne couvre qu'une partie de la période ({ $coverage }).
rs-periods = Les périodes de référence diffèrent : { $spans } donne une valeur pour la période { $period }, { $source } donne les années { $from } à { $to } ({ $how ->
    [summed] additionnées
   *[averaged] moyennées
} ici pour la comparaison), et les périodes ne coïncident pas exactement.
rs-periods-grouped = Les périodes de référence diffèrent : { $spans } donne une valeur pour chaque période, { $source } donne des années isolées, de la première année de chaque période à l'année précédant la dernière ({ $how ->
    [summed] additionnées
   *[averaged] moyennées
} ici pour la comparaison), et les périodes ne coïncident pas exactement.
rs-counts = { $source } compte { $concept }
rs-c-foreign-born = la population née à l'étranger
rs-c-foreign-citizens = les ressortissants étrangers
rs-c-all-citizenships = les personnes de toutes nationalités (nationaux compris)
rs-c-other = « { $concept } »
rs-concepts = Les concepts de population diffèrent : { $parts }.
rs-concepts-may = Les concepts de population peuvent différer : { $parts }, tandis que { $silent } n'en précise aucun.
rs-stock-flow = L'une est un stock et l'autre un flux : { $stock } compte les personnes présentes à une date, { $flow } les mouvements au cours de la période.
rs-residence = { $source } indique une règle de résidence dans ses métadonnées, qui peut différer de celle de l'autre source.
rs-f-provisional = provisoire et susceptible d'être encore révisée
rs-f-estimated = une estimation
rs-f-forecast = une prévision
rs-f-break = postérieure à une rupture de série
rs-f-definition = fondée sur une définition différente
rs-f-imputed = imputée
rs-f-citizenship = fondée sur la nationalité, et non sur le pays de naissance
rs-f-refugees = un chiffre de recensement auquel les réfugiés ont été ajoutés
rs-f-redacted = partiellement masquée (petites valeurs cachées)
rs-f-low = de fiabilité faible
rs-flagged = { $phrase } (indicateur de statut « { $flag } »)
rs-value-is = La valeur de { $source } est { $phrases }.
rs-yearly-provisional = Certaines valeurs annuelles de { $source } sont provisoires.
rs-adjustment = { $source } comprend un ajustement statistique (variation de la population moins accroissement naturel), qui absorbe aussi les révisions des recensements et les erreurs de dénombrement.
rs-wpp-one = { $source } est une estimation fondée sur un modèle, tirée des Perspectives de la population mondiale ; chaque édition révise les valeurs passées.
rs-wpp-many = { $sources } sont { $count ->
    [2] toutes deux
   *[other] toutes
} des estimations fondées sur un modèle, tirées des Perspectives de la population mondiale, peut-être d'éditions différentes, et chaque édition révise les valeurs passées.

## Annexe de cohérence : les raisons probables, une fois par indicateur et cellule
why-preferred = Retenue dans ce profil : { $justification }
r-reasons-title = Raisons probables des écarts
r-reasons-source = métadonnées conservées avec chaque valeur, lues par migprof
h-periods = Périodes
h-likely-reason = Raison probable

## Annexe sur le système de données et actions au niveau des instruments (system/)
sys-title = Le système national de données migratoires et son évaluation
sys-t-agencies = Organismes nationaux détenteurs de données migratoires
sys-t-instruments = Instruments de collecte de données
sys-t-matrix = Évaluation : thèmes migratoires recommandés collectés par chaque instrument
sys-t-gaps = Lacunes au niveau des instruments
sys-t-topics = Thèmes recommandés utilisés pour l'évaluation
sys-t-plan-drafted = Actions sur le système de données (proposées à partir des lacunes des instruments, à examiner)
sys-t-plan = Actions sur le système de données
sys-h-agency = Organisme
sys-h-kind = Type
sys-h-role = Rôle dans les données migratoires
sys-h-contact = Contact
sys-h-agreement = Accord de partage de données
sys-h-periodicity = Périodicité
sys-h-latest-round = Dernière édition
sys-h-access = Accès
sys-h-legal-basis = Base juridique
sys-h-topic = Thème
sys-h-recorded = Enregistré
sys-h-consequence = Conséquence
sys-h-recommended-by = Recommandé par
sys-h-responsible-agency = Organisme responsable
sys-h-partners = Partenaires
sys-h-resources = Ressources nécessaires
sys-h-funding = Financement possible
sys-h-nsds = Plan statistique national
sys-h-source-line = registres du système national de données du profil ([[agency]], [[instrument]]), évalués au regard du catalogue des thèmes (indicators/topics.toml)
sys-ak-nso = office de statistique
sys-ak-interior = ministère de l'intérieur
sys-ak-labour = ministère du travail
sys-ak-border = service des frontières ou de l'immigration
sys-ak-refugee = autorité chargée des réfugiés ou de l'asile
sys-ak-foreign = ministère des affaires étrangères
sys-ak-nhri = institution nationale des droits de l'homme
sys-ak-other = autre organisme
sys-as-none = aucun
sys-as-negotiating = en cours de négociation
sys-as-signed = signé
sys-as-expired = expiré
sys-ik-census = recensement de la population et des logements
sys-ik-lfs = enquête sur les forces de travail
sys-ik-household = enquête auprès des ménages
sys-ik-register = registre de population
sys-ik-residence = système des titres de séjour
sys-ik-work = système des permis de travail
sys-ik-visa = système des visas
sys-ik-border = registres aux frontières
sys-ik-asylum = dossiers d'asile
sys-ik-consular = immatriculation consulaire
sys-ik-bop = balance des paiements
sys-ik-other = autre instrument
sys-acc-public = tableaux publics
sys-acc-micro = microdonnées
sys-acc-restricted = restreint
sys-cov-collected = collecté
sys-cov-partly = en partie
sys-cov-not = non
sys-cov-unknown = inconnu
sys-rec-census-core = recensement, thèmes essentiels
sys-rec-census-additional = recensement, thèmes complémentaires
sys-per-quarterly = trimestrielle
sys-per-annual = annuelle
sys-per-monthly = mensuelle
sys-per-continuous = continue
sys-no-topics = Le catalogue des thèmes n'a pas pu être lu : aucune évaluation.
sys-illustrative = ILLUSTRATIF : les organismes et instruments de cette annexe sont un exemple compilé pour montrer la méthode ; ils ne constituent pas le système de données enregistré du pays ni des constatations sur ses organismes.
sys-matrix-note = collecté / en partie / non / inconnu : tel qu'enregistré pour l'instrument ; entre parenthèses, ou -, lorsque les instruments de ce type ne produisent pas les indicateurs du profil qui nécessitent le thème.
sys-all-collected = Chaque instrument collecte les thèmes dont ses indicateurs ont besoin.
sys-uncovered = Aucun instrument du système de données n'est enregistré comme collectant : { $list }.
sys-none-recorded = aucun enregistré
sys-to-be-identified = à déterminer
sys-more = { $n } autres
sys-instrument-start = L'instrument « { $name } » ({ $kind }, { $agency })
sys-instrument = l'instrument « { $name } » ({ $kind }, { $agency })
sys-gap-not = { $what } ne collecte pas le thème « { $topic } » ; il ne permet donc pas de produire : { $list }.
sys-gap-partly = { $what } ne collecte qu'en partie le thème « { $topic } » ; ses chiffres sont donc incomplets pour : { $list }.
sys-act-add = Ajouter (ou compléter), lors de la prochaine édition de l'instrument « { $instrument } » ({ $agency }), des questions sur : { $topics }, afin de pouvoir produire : { $list }.
sys-act-record = Enregistrer (intégralement) dans l'instrument « { $instrument } » ({ $agency }), et tabuler : { $topics }, afin de pouvoir produire : { $list }.
sys-act-ask = Demander à { $agency } si l'instrument « { $instrument } » couvre : { $topics }, et consigner la réponse dans le système de données du profil (nécessaire pour : { $list }).
sys-res-survey = révision et essai du questionnaire, formation des enquêteurs, tabulation selon le statut migratoire
sys-res-register = modification du formulaire d'enregistrement et du champ de la base de données, consignes au personnel, accord de partage de données avec l'office de statistique
sys-res-ask = une réunion ou un courrier ; le questionnaire ou le formulaire de l'instrument
sys-gap-unknown = On ignore si { $what } collecte le thème « { $topic } », nécessaire pour : { $list } ; le demander à { $agency }.

## Titre du rapport quand le profil garde celui que donne `migprof new`
r-title = Profil migratoire : { $country }

## `migprof gaps` (cli/gaps.rs), dans la langue du profil
cg-title = Lacunes dans les données et plan d'action : { $title } (année de référence { $year })
cg-no-gaps = Aucune lacune dans les données pour les modules retenus.
cg-gaps = Lacunes dans les données ({ $n })
cg-no-provider = aucun fournisseur du registre
cg-plan-recorded = Plan d'action sur les données (tel qu'enregistré dans le profil)
cg-plan-drafted = Plan d'action sur les données (proposé par migprof ; à adopter et à modifier dans le profil)
cg-no-actions = Aucune action.
cg-kind-missing = aucune valeur
cg-kind-stale = valeur ancienne
cg-kind-breakdown = ventilation manquante
cg-family = { $family } : { $names }
cg-fam-government = Administrations
cg-fam-academia = Milieu universitaire
cg-fam-civil-society = Société civile
cg-fam-international = Organisations internationales
cg-fam-non-traditional = Sources non traditionnelles
cg-fam-other = Autres
