# The report's fixed words and generated sentences, in English (the reference: every message
# here must exist in fr.ftl and es.ftl; `migprof check` lists those that do not).
# Arguments: $n a number already formatted for the language, $count the number itself (plural
# selection), $scale none / million / billion, $period a period as published ("2020").

## Fixed words of the report furniture (render::words)
contents = Contents
notes = Notes
provider-flags = Provider flags
flag = Flag
meaning = Meaning
figure = Figure
table = Table
source = Source
reference-year = Reference year
prepared-by = Prepared by
edition = Edition
generated-from-data = Generated from the data
page = Page
list-of-tables = List of tables
list-of-figures = List of figures
acronyms = Acronyms and abbreviations
draft = DRAFT
foreword = Foreword
working-group = Technical working group
name = Name
institution = Institution
role = Role
abbreviation = Abbreviation
disclaimer = Disclaimer
colon = :
published-by = Published by

## Number scales (short forms on cards and axes: "1.2 M", "3.4 bn")
scale-million = M
scale-billion = bn
not-available = n/a

## Amounts with their noun, as sentences write them
amount-persons = { $scale ->
    [million] { $n } M persons
    [billion] { $n } bn persons
   *[none] { $n } { $count ->
        [one] person
       *[other] persons
    }
}
amount-events = { $scale ->
    [million] { $n } M events
    [billion] { $n } bn events
   *[none] { $n } { $count ->
        [one] event
       *[other] events
    }
}
amount-movements = { $scale ->
    [million] { $n } M movements
    [billion] { $n } bn movements
   *[none] { $n } { $count ->
        [one] movement
       *[other] movements
    }
}
amount-refugees = { $scale ->
    [million] { $n } M refugees
    [billion] { $n } bn refugees
   *[none] { $n } { $count ->
        [one] refugee
       *[other] refugees
    }
}
amount-people = { $scale ->
    [million] { $n } M people
    [billion] { $n } bn people
   *[none] { $n } people
}
change-points = { $sign }{ $n } percentage points
unit-per-1000 = { $n } per 1,000
unit-per-100000 = { $n } per 100,000
unit-usd = US$ { $n }
list-and = and

## Sentences on one indicator (render::statements::sentence)
# $form: the name's grammatical form in the language (m, f, el, mpl, fpl, none); $plural: yes / no.
stmt-latest = { $name } { $plural ->
    [yes] were
   *[no] was
} { $amount } in { $period }{ $stale ->
    [yes] , the latest available
   *[no] {""}
} ({ $source })
stmt-up = up from { $amount } in { $period } ({ $change })
stmt-down = down from { $amount } in { $period } ({ $change })
stmt-same = about the same as in { $period }
stmt-and = and
list-sep = ;
stmt-peak = The highest value of this series was { $amount } in { $period }.
stmt-break = Values before { $period } are not compared with it: the series changes there ({ $reason }).
stmt-partial = The value for { $period } ({ $amount }) covers part of the period only ({ $coverage }) and is not compared with full periods.
stmt-partial-default = partial
stmt-projection = Values from { $period } on are projections, not data, and are shown only marked as such.

## Why a series breaks (sentence words, then the short label of chart markers)
break-default = a break in the series
break-source = a change of source
break-revision = a change to another revision of the dataset
break-territory = a change of territory
break-concept = a change of population concept
break-flag = a break in the series flagged by the provider
break-period-length = a change in the length of the periods
break-short-source = new source
break-short-revision = new revision
break-short-territory = new territory
break-short-concept = new concept
break-short-flag = series break
break-short-period-length = new period length

## Key-figure cards
card-latest-available = latest available: { $period }
card-partial = part of the period only: { $coverage }
card-provisional = provisional
card-count-beside = { $name } beside it: { $year }
card-count-year = { $name }: { $year }

## Executive summary (render::statements::synthesis)
fact = { $amount } in { $period } ({ $source })
syn-imm = International migrants living in { $country } numbered { $fact }
syn-imm-share-same = , { $share } of the population
syn-imm-share-other = ; they were { $share } of the population in { $period }
syn-imm-origins = The largest groups came from { $list } ({ $period }).
syn-emi = Emigrants from { $country } living abroad numbered { $fact }.
syn-emi-destinations = Their main countries of destination were { $list } ({ $period }).
syn-net = Net migration was { $fact }: { $direction ->
    [in] more people arrived than left
    [out] more people left than arrived
   *[zero] arrivals and departures balanced
}.
syn-refugees-hosted = { $country } hosted { $amount } in { $period } ({ $source })
syn-refugees-from = { $amount } from { $country } were abroad in { $period } ({ $source })
syn-idps = { $amount } were internally displaced in { $period } ({ $source })
syn-remit-in = personal remittances received were { $fact }
syn-remit-in-gdp = , { $share } of GDP
syn-remit-out = remittances paid were { $fact }

## Charts (render::chart)
chart-source = Source: { $sources }.
chart-rounded = Counts rounded to base { $base }.
chart-suppressed = Small counts suppressed.
chart-partial = Open circles: part of the period only ({ $periods }), not joined to full periods.
chart-residual = Residual groups and unknown partners are not shown.
axis-year = Year
axis-age = Age
axis-persons = Persons
axis-percent = Per cent
legend-male = Male
legend-female = Female
legend-estimate = Estimate (lighter)
legend-projection = Projection (dashed)
legend-partial = Part of the period
legend-break = Break in series
skip-no-values = no values
skip-single-period = a single period
skip-few-bars = fewer than two { $dimension } values in { $period } ({ $id })
skip-no-bars = no values by { $dimension } ({ $ids })
skip-few-ages = fewer than two age groups by sex in { $period } ({ $id })
skip-no-ages = no values by age and sex ({ $ids })
skip-no-multiples = no indicator has values for two periods ({ $ids })

## Breakdowns (table cells)
sex-female = Female
sex-male = Male
total = Total

## Dates (meta.date)
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }

## Report furniture (render::report)
r-annexes = Annexes
r-annex-sources = Data sources and quality
r-annex-definitions = Definitions of indicators
r-annex-tables = Statistical tables
r-annex-plan = Data action plan
r-annex-coherence = Coherence: values from other sources
r-indicator = Indicator
r-period = Period
r-decade = Decade
r-decade-label = { $decade }s
r-year = Year
r-unit = Unit
r-definition = Definition
r-source = Source
r-chart-not-drawn = Chart not drawn for lack of data: { $reason }.
r-table-no-data = Table “{ $title }” not shown: no data.
r-no-data-for = No data in this profile for: { $names }.
r-note-suppressed = s: suppressed, a count below { $threshold } (disclosure control).
r-note-rounded = r: rounded to base { $base }.
r-note-flags = { $flags }: { $count ->
    [one] provider flag
   *[other] provider flags
}, see Provider flags at the end of the report.
r-note-refs = [a], [b], ...: notes at the end of the report.
r-note-partner-footnotes = The provider's footnotes on values by partner country concern the partner's reporting; they are in the data bundle (data/observations.csv, column footnote).
r-no-findings = No finding can be drawn: no indicator has a published value.
r-no-recommendations = No recommendations are recorded yet: the working group writes them as the profile's narrative of section { $section }.
r-profile-draws = The profile draws on { $sources } { $sources ->
    [one] source
   *[other] sources
} and has data for { $with } of the { $total } indicators its modules use.
r-gaps-listed = { $count ->
    [one] One data gap is listed in Part D.4 with a plan to close it.
   *[other] { $n } data gaps are listed in Part D.4 with a plan to close them.
}
r-latest-periods = Latest { $keep } of { $total } periods; all periods are in the statistical tables annex.
r-largest-of = Largest { $keep } of { $total }; every value is in the data bundle (data/observations.csv).
r-no-gaps = No data gaps were found for the selected modules.
r-no-plan = The data action plan has no entries.
r-plan-once = The data action plan is printed once, in Part D.4 (Table { $table }).

# Gaps and drafted actions (quality/gaps.rs); priorities, timeframes and responsible
# institutions are stored as the English text and translated when shown.
q-gap-missing = no value in the profile
q-gap-stale = latest value for { $end }, { $age } years before the reference year { $reference } (older than { $limit } years for a { $kind } indicator)
q-gap-breakdown = no values by { $dims }, which the template's charts or tables show
q-gap-quality = source `{ $source }`: { $scores }
q-kind-stock = stock
q-kind-flow = flow
q-kind-rate = rate
q-kind-share = share
q-kind-money = money
q-kind-count = count
q-kind-score = score
q-ask-government = Request the official figures from { $list }.
q-ask-international = Import the published series from { $list }.
q-ask-academia = Ask { $list } for their survey or study data.
q-ask-civil-society = Ask { $list } for their service statistics.
q-ask-non-traditional = Negotiate aggregated data with { $list } under a data-sharing agreement.
q-the-responsible = the { $responsible }
q-act-fill = Fill the missing { $name } ({ $unit }). { $who }
q-act-start = Start collecting { $name } ({ $unit }): no registry provider covers it; agree with the { $responsible } on a source (administrative register or survey module) and its release calendar.
q-act-update = Update { $name }: { $detail }; request the latest release from { $from }.
q-act-breakdown = Obtain the breakdown of { $name }: { $detail }; ask { $from } for the tabulation, with small cells protected before release.
q-act-quality = Improve the quality of { $name }: { $detail }; ask { $from } for the method and metadata, or a second source to compare.
q-act-in-country = In this country: ask { $who } for the figures from the { $instrument }.
q-resp-border = border and immigration service
q-resp-labour = ministry of labour
q-resp-asylum = asylum and refugee authority
q-resp-central-bank = central bank
q-resp-education = ministry of education
q-resp-health = ministry of health
q-resp-disaster = disaster management agency
q-resp-policy = ministry in charge of migration policy
q-resp-nso = national statistics office
q-priority-high = high
q-priority-medium = medium
q-priority-low = low
q-time-3 = 3 months
q-time-6 = 6 months
q-time-12 = 12 months
q-time-24 = 24 months
q-time-census = next census round

# The annex "Changes since the previous edition" (render/changes.rs).
r-changes-intro = Compared with the previous edition: { $title } ({ $edition }).
r-changes-intro-plain = Compared with the previous edition: { $title }.
r-changes-none = No value, source or action of the plan changed since the previous edition.
r-changes-more = The { $shown } largest of { $all } revisions are listed; `migprof diff` lists them all.
r-changes-no-previous = This profile names no previous edition (meta.previous_edition).
r-changes-source = this profile and its previous edition, { $title }
w-changes-title = Changes since the previous edition
w-changes-summary = Summary of changes since the previous edition
w-change = Change
w-number = Number
w-values-new = Values new in this edition
w-periods-new = Periods new to an indicator
w-revised-values = Revised values
w-values-gone = Values no longer given
w-sources-added = Sources added
w-sources-dropped = Sources dropped
w-actions-changed = Action-plan entries whose status changed
w-changes-by-indicator = Changes by indicator
w-new-values = New values
w-new-periods = New periods
w-largest-revisions = Largest revisions of published values
w-breakdown = Breakdown
w-previous-edition = Previous edition
w-this-edition = This edition
w-revision = Revision
w-sources-added-dropped = Sources added and dropped
w-added = added
w-dropped = dropped
w-plan-progress = Progress of the data action plan
w-status-new = new
w-status-planned = planned
w-status-under-way = under way
w-status-done = done
r-plan-drafted-note = The profile has no action plan of its own: the entries below were drafted by migprof from the data gaps and are to be reviewed.
r-plan-title = Data action plan
r-plan-title-drafted = Data action plan (drafted)
r-no-sources = The profile records no sources.
r-no-scores = No quality scores are available.
r-no-indicator-data = No indicator has data in this profile.
r-not-in-catalogue = Not in the catalogue.
r-definitions-title = Definitions of the indicators used
r-sources-title = Sources used
r-gaps-title = Data gaps, ranked
r-alternatives-title = Alternative values from other sources
r-no-alternatives = No indicator has differing values from more than one source.
r-quality-title = Quality of the values used, by dimension (0 poor to 3 good)
r-quality-evidence = Evidence for each score is given in the HTML report as a tooltip.
r-table-decades = { $name } ({ $unit }), { $from } to { $to }, by decade and year
r-table-part = { $name } ({ $from } to { $to }, part { $part } of { $parts })
r-shown-every = Shown: { $what }. Every value is in the data bundle (data/observations.csv).
r-shown-latest = the latest { $shown } of { $total } periods
## Table headers
h-rank = Rank
h-section = Section
h-gap = Gap
h-detail = Detail
h-filled-by = Could be filled by
h-action = Action
h-responsible = Responsible
h-priority = Priority
h-timeframe = Timeframe
h-providers = Providers
h-origin = Origin
h-id = Id
h-provider = Provider
h-dataset = Dataset
h-file = File or citation
h-retrieved = Retrieved
h-licence = Licence
h-cell = Cell
h-values-by-source = Values by source
h-difference = Difference
h-used = Used
h-why = Why this source
h-reason = Likely reason for the difference
h-sdg-gcm = SDG / GCM
## Part C tables
g-policy-title = National migration policies and strategies
g-policy = Policy or strategy
g-summary = Summary
g-instruments-title = International instruments
g-instrument = Instrument
g-status = Status
g-institutions-title = Institutions with responsibilities for migration
g-institution = Institution
g-role = Role
g-agreements-title = Bilateral and regional agreements
g-partner = Partner
g-agreement = Agreement
g-none = No { $what ->
    [policy] policies or strategies
    [ratification] ratifications of international instruments
    [institution] institutions
   *[agreement] agreements
} are recorded in this profile's governance data.
## Notes on one value
v-projection = Projection, not an estimate of what happened ({ $source }).
v-estimate = Estimate ({ $source }).
v-provisional = Provisional value, may be revised ({ $source }).
v-partial = Covers part of the period only: { $coverage } ({ $source }).
v-shifted-year = Twelve-month years that do not end in December, named by the year in which they end; not compared with calendar years ({ $source }).
v-territory = Refers to { $name } ({ $source }).
v-former-territory = a former territory of the country
unknown = Unknown
## Partner tables and gaps
partner = { $dim ->
    [origin] country of origin
    [destination] country of destination
    [citizenship] country of citizenship
    [nationality] country of nationality
    [asylum] country of asylum
   *[other] country
}
partners = { $dim ->
    [origin] countries of origin
    [destination] countries of destination
    [citizenship] countries of citizenship
    [nationality] countries of nationality
    [asylum] countries of asylum
   *[other] countries
}
r-by-partner = { $name } by { $partner } ({ $unit })
r-shown-largest = the { $top } largest of { $total } { $partners } by the latest value{ $latest }
gap-missing = no data
gap-stale = out of date
gap-no-disaggregation = no disaggregation
gap-low-quality = low quality
## Source lines of the report's own tables, origins, quality dimensions
src-gaps = data gaps found by migprof in this profile's values for the indicators of the selected sections
src-plan-drafted = drafted by migprof from the data gaps, to be reviewed by the working group
src-plan = the profile's data action plan
src-sources = the profile's source records (file or citation, SHA-256, retrieval date, licence)
src-scores = scores by migprof from the values and their sources' metadata
src-catalogue = migprof indicator catalogue, after the IOM Migration Profile template
src-compared = the profile's sources, compared by migprof
src-governance = the profile's governance data
src-governance-each = the profile's governance data, each entry with its source as recorded
origin-drafted = drafted by migprof
origin-profile = profile
hint-suppressed = suppressed (small count)
dim-relevance = Relevance
dim-accuracy = Accuracy and reliability
dim-timeliness = Timeliness
dim-accessibility = Accessibility and clarity
dim-coherence = Coherence and comparability
dim-institutional = Institutional
## Part D.1 findings (render::findings)
f-since = , { $change } since { $period }
f-partial = ; the value for { $period } covers part of the period only ({ $coverage }) and is not compared
f-evidence = The profile has data for { $with } of the { $total } indicators its sections use{ $gaps ->
    [0] {""}
    [one] , and { $gaps } data gap is listed in Part D.4
   *[other] , and { $gaps } data gaps are listed in Part D.4
}.
## Provider flags and the choice of a source
flag-b = break in time series (Eurostat)
flag-c = confidential (Eurostat)
flag-d = definition differs (Eurostat)
flag-e = estimated (Eurostat)
flag-f = forecast (Eurostat)
flag-n = not significant (Eurostat)
flag-p = provisional (Eurostat)
flag-r = revised (Eurostat)
flag-s = Eurostat estimate (Eurostat)
flag-u = low reliability (Eurostat)
flag-z = not applicable (Eurostat)
flag-B = based on the foreign-born population (UN DESA data type)
flag-C = based on foreign citizens (UN DESA data type)
flag-I = imputed (UN DESA data type)
flag-R = refugees added to the estimate (UN DESA data type)
flag-E = estimated value (OECD)
flag-P = provisional value (OECD)
flag-other = flag as published by the provider
why-default-kind = Default order: sources of the same kind, the one listed first in the profile
why-default-custodian = Default order: international custodian series first for SDG and Global Compact indicators
why-default-national = Default order: national official statistics first, then international series
why-preferred-none = Preferred in this profile (no justification recorded)
## Markdown key-figure table
key-figure = Key figure
value = Value
## Indicator tags and breakdown names
tag-sdg = SDG { $n }
tag-gcm = GCM { $n }
dim-age = Age
dim-cause = Cause
dim-type = Type
dim-reason = Reason
dim-occupation = Occupation
dim-sector = Sector
dim-route = Route
dim-area = Area
dim-level = Level
dim-hazard = Hazard
dim-sex = Sex
dim-origin = Country of origin
dim-destination = Country of destination
dim-citizenship = Citizenship
dim-nationality = Nationality
dim-country = Country
dim-asylum = Country of asylum

## Quality-score evidence (quality/score.rs), one message per rule; shown in the quality annex
## and in low-quality gap details. $flag a provider flag as published, $period a period.
ev-not-in-catalogue = indicator `{ $indicator }` is not in the catalogue
ev-concept-differs = counts `{ $got }`, the catalogue defines the indicator as `{ $want }`
ev-concept-unstated = population concept not stated (the catalogue asks for `{ $want }`)
ev-undesa-citizenship = UN DESA data type { $flag }: migrants counted by citizenship, not country of birth
ev-definition-differs = flag { $flag }: definition differs
ev-stock-span = a stock given for the period { $from }-{ $to }, not at a date
ev-concept-matches = concept `{ $concept }` matches the catalogue definition
ev-no-concept-needed = matches the catalogue definition (no specific concept required)
ev-flag-name = { $eurostat ->
    [yes] Eurostat flag { $flag }
   *[no] flag { $flag }
}
ev-flag-meaning = { $what }: { $meaning }
ev-m-provisional = provisional
ev-m-estimated = estimated
ev-m-forecast = forecast
ev-m-redacted = some small values redacted by the provider
ev-m-imputed = imputed
ev-m-low-reliability = low reliability
ev-undesa-refugees = UN DESA data type { $flag }: refugees added to the census figure
ev-undesa-imputed = UN DESA data type { $flag }: imputed, no data for the country
ev-mmp-score = Missing Migrants source-quality score { $q } of 5
ev-mmp-minimum = minimum estimate (Missing Migrants)
ev-wpp-model = model-based estimate (World Population Prospects)
ev-mmp-quality = Missing Migrants source quality: mean { $mean }, lowest { $min } (1 = one unverified source, 5 = official or several verified sources)
ev-footnote-estimate = provider footnote: "{ $footnote }"
ev-non-traditional = non-traditional source: coverage not representative of the population
ev-no-flag = published without a quality flag
ev-period-unreadable = period `{ $period }` cannot be read
ev-latest-period = latest period { $period }
ev-latest-year = latest year { $year }
ev-after-reference = { $latest } is after the reference year { $reference } (a projection)
ev-age = { $latest }, { $age } { $age ->
    [one] year
   *[other] years
} before the reference year { $reference }
ev-source-unrecorded = source `{ $source }` is not recorded
ev-open-licence = open licence { $licence }
ev-closed-licence = licence "{ $licence }" is not an open licence
ev-machine-readable = machine-readable file ({ $format })
ev-machine-readable-sha = machine-readable file ({ $format }) with sha256
ev-no-format = file recorded without its format
ev-manual = manual entry from a publication
ev-meta-url = URL
ev-meta-citation = citation
ev-meta-notes = provider notes
ev-meta-footnote = footnote
ev-no-metadata = no metadata recorded (URL, citation or notes)
ev-metadata = metadata: { $list }
ev-agrees = agrees with { $name } within { $tol } in { $period } ({ $diff } apart)
ev-differs = differs from { $name } by { $diff } in { $period }
ev-same-value = same value as { $name } in { $period }
ev-no-other = no other source to compare with
ev-break = break in the series in { $periods }
ev-concept-changes = the concept changes between years ({ $concepts })
ev-fam-government = official statistics (national government)
ev-fam-international = official statistics (international organisation)
ev-fam-academia = academic producer, not official statistics
ev-fam-civil-society = civil-society producer, not official statistics
ev-fam-non-traditional = non-traditional source (private data), not official statistics
ev-not-in-registry = provider `{ $provider }` is not in the registry
ev-named = { $name }: { $text }
ev-flags-kept = provider flags kept: { $flags }

## Likely reasons why sources differ (quality/reconcile.rs), in the coherence annex
rs-refers-to = { $source } refers to { $territory }
rs-territories = The values are for different territories: { $parts }.
rs-present-territory = the country's present territory
rs-former-territory = a former territory of the country
rs-territory = { $name }
rs-revision-of = { $source } is from the { $revision } revision
rs-revision-unstated = { $source } does not state its revision
rs-revisions = The values come from { $same ->
    [yes] different revisions of the same dataset
   *[no] different revisions of the estimates
}: { $parts }. Each revision re-estimates past years, so the difference is not a change over time.
rs-projection = { $sources } gives a projection, the other source an estimate of what happened.
rs-shifted-year = { $source } covers a year that does not end in December ({ $coverage }), not the calendar year.
rs-partial = { $source } covers part of the period only ({ $coverage }).
rs-periods = The reference periods differ: { $spans } gives one value for the period { $period }, { $source } gives single years { $from }-{ $to } ({ $how ->
    [summed] summed
   *[averaged] averaged
} here to compare), and the periods do not coincide exactly.
rs-periods-grouped = The reference periods differ: { $spans } gives one value for each period, { $source } gives single years, from the first year of each period to the year before its last ({ $how ->
    [summed] summed
   *[averaged] averaged
} here to compare), and the periods do not coincide exactly.
rs-counts = { $source } counts { $concept }
rs-c-foreign-born = the foreign-born population
rs-c-foreign-citizens = foreign citizens
rs-c-all-citizenships = people of all citizenships (nationals included)
rs-c-other = “{ $concept }”
rs-concepts = The population concepts differ: { $parts }.
rs-concepts-may = The population concepts may differ: { $parts }, while { $silent } states none.
rs-stock-flow = One is a stock and the other a flow: { $stock } counts people present at a date, { $flow } movements during the period.
rs-residence = { $source } states a residence rule in its metadata, which may differ from the other source's.
rs-f-provisional = provisional and may still be revised
rs-f-estimated = an estimate
rs-f-forecast = a forecast
rs-f-break = after a break in the series
rs-f-definition = based on a different definition
rs-f-imputed = imputed
rs-f-citizenship = based on citizenship, not country of birth
rs-f-refugees = a census figure with refugees added
rs-f-redacted = partly redacted (small values hidden)
rs-f-low = of low reliability
rs-flagged = { $phrase } (flag “{ $flag }”)
rs-value-is = The value of { $source } is { $phrases }.
rs-yearly-provisional = Some yearly values of { $source } are provisional.
rs-adjustment = { $source } includes a statistical adjustment (population change minus natural change), which also absorbs census revisions and counting errors.
rs-wpp-one = { $source } is a model-based estimate from World Population Prospects; each WPP edition revises past values.
rs-wpp-many = { $sources } are { $count ->
    [2] both
   *[other] all
} model-based estimates from World Population Prospects, possibly from different editions, and each edition revises past values.

## Coherence annex: the likely reasons, once per indicator and cell
why-preferred = Preferred in this profile: { $justification }
r-reasons-title = Likely reasons for the differences
r-reasons-source = the metadata kept with each value, read by migprof
h-periods = Periods
h-likely-reason = Likely reason

## The data-system annex and instrument-level actions (system/annex.rs, assess.rs); the
## labels are the English texts of kinds, statuses and coverage, translated when shown.
sys-title = The national migration data system and its assessment
sys-t-agencies = National agencies holding migration data
sys-t-instruments = Data-collection instruments
sys-t-matrix = Assessment: recommended migration topics collected by each instrument
sys-t-gaps = Instrument-level gaps
sys-t-topics = Recommended topics used in the assessment
sys-t-plan-drafted = Data-system actions (drafted from the instrument-level gaps, to be reviewed)
sys-t-plan = Data-system actions
sys-h-agency = Agency
sys-h-kind = Kind
sys-h-role = Role in migration data
sys-h-contact = Contact
sys-h-agreement = Data-sharing agreement
sys-h-periodicity = Periodicity
sys-h-latest-round = Latest round
sys-h-access = Access
sys-h-legal-basis = Legal basis
sys-h-topic = Topic
sys-h-recorded = Recorded
sys-h-consequence = Consequence
sys-h-recommended-by = Recommended by
sys-h-responsible-agency = Responsible agency
sys-h-partners = Partners
sys-h-resources = Resources needed
sys-h-funding = Possible funding
sys-h-nsds = National statistics plan
sys-h-source-line = the profile's records of the national data system ([[agency]], [[instrument]]), assessed against the topics catalogue (indicators/topics.toml)
sys-ak-nso = statistics office
sys-ak-interior = interior ministry
sys-ak-labour = labour ministry
sys-ak-border = border or immigration service
sys-ak-refugee = refugee or asylum authority
sys-ak-foreign = foreign affairs ministry
sys-ak-nhri = national human-rights institution
sys-ak-other = other agency
sys-as-none = none
sys-as-negotiating = under negotiation
sys-as-signed = signed
sys-as-expired = expired
sys-ik-census = population and housing census
sys-ik-lfs = labour force survey
sys-ik-household = household survey
sys-ik-register = population register
sys-ik-residence = residence-permit system
sys-ik-work = work-permit system
sys-ik-visa = visa system
sys-ik-border = border records
sys-ik-asylum = asylum records
sys-ik-consular = consular registration
sys-ik-bop = balance of payments
sys-ik-other = other instrument
sys-acc-public = public tables
sys-acc-micro = microdata
sys-acc-restricted = restricted
sys-cov-collected = collected
sys-cov-partly = partly
sys-cov-not = not
sys-cov-unknown = unknown
sys-rec-census-core = census core
sys-rec-census-additional = census additional
sys-per-quarterly = quarterly
sys-per-annual = annual
sys-per-monthly = monthly
sys-per-continuous = continuous
sys-no-topics = The topics catalogue could not be read: no assessment.
sys-illustrative = ILLUSTRATIVE: the agencies and instruments in this annex are an example compiled to show the method; they are not the country's recorded data system and are not findings about its agencies.
sys-matrix-note = collected / partly / not / unknown: as recorded for the instrument; in brackets, or -, where instruments of its kind do not produce the profile's indicators that need the topic.
sys-all-collected = Every instrument collects the topics its indicators need.
sys-uncovered = No instrument of the data system is recorded as collecting: { $list }.
sys-none-recorded = none recorded
sys-to-be-identified = to be identified
sys-more = { $n } more
sys-instrument-start = The { $name }, the { $kind } of { $agency },
sys-instrument = the { $name }, the { $kind } of { $agency },
sys-gap-not = { $what } does not collect { $topic }: { $list } cannot be produced from it.
sys-gap-partly = { $what } collects { $topic } only in part: { $list } from it are incomplete.
sys-act-add = Add (or complete) questions on { $topics } in the { $instrument } ({ $agency }) at its next round, so that { $list } can be produced.
sys-act-record = Record { $topics } (completely) in the { $instrument } ({ $agency }) and tabulate it, so that { $list } can be produced.
sys-act-ask = Ask { $agency } whether the { $instrument } covers { $topics }, and record the answer in the profile's data system (needed for { $list }).
sys-res-survey = questionnaire revision and testing, interviewer training, tabulation by migratory status
sys-res-register = change of the registration form and database field, staff guidance, a data-sharing agreement with the statistics office
sys-res-ask = a meeting or letter; the questionnaire or form of the instrument
sys-gap-unknown = { $count ->
    [one] It is not recorded whether { $what } collects { $topic }, which { $list } needs; ask { $agency }.
   *[other] It is not recorded whether { $what } collects { $topic }, which { $list } need; ask { $agency }.
}

## The report title when the profile keeps the one `migprof new` gives
r-title = Migration Profile: { $country }

## `migprof gaps` (cli/gaps.rs), in the profile's language
cg-title = Data gaps and action plan: { $title } (reference year { $year })
cg-no-gaps = No data gaps in the selected modules.
cg-gaps = Data gaps ({ $n })
cg-no-provider = no registry provider
cg-plan-recorded = Data action plan (as recorded in the profile)
cg-plan-drafted = Data action plan (drafted by migprof; adopt and edit it in the profile)
cg-no-actions = No actions.
cg-kind-missing = no value
cg-kind-stale = old value
cg-kind-breakdown = breakdown missing
cg-family = { $family }: { $names }
cg-fam-government = Government
cg-fam-academia = Academia
cg-fam-civil-society = Civil society
cg-fam-international = International organisations
cg-fam-non-traditional = Non-traditional sources
cg-fam-other = Other
